package archfixtures.clean.beta.internal;

import archfixtures.clean.beta.BetaApi;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class BetaEntity implements BetaApi {
    @Id
    Long id;

    @Override
    public long balanceOf(long accountId) {
        return 0;
    }
}
