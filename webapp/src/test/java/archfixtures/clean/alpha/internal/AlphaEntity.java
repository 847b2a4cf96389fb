package archfixtures.clean.alpha.internal;

import archfixtures.clean.beta.BetaApi;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class AlphaEntity {
    @Id
    Long id;

    /** Refers to the other module by id, and talks to it through its API. */
    Long betaAccountId;

    long balance(BetaApi beta) {
        return beta.balanceOf(betaAccountId);
    }
}
