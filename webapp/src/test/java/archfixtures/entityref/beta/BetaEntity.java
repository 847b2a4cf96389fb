package archfixtures.entityref.beta;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class BetaEntity {
    @Id
    Long id;
}
