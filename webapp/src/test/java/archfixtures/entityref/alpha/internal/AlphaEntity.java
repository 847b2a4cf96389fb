package archfixtures.entityref.alpha.internal;

import archfixtures.entityref.beta.BetaEntity;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class AlphaEntity {
    @Id
    Long id;

    @ManyToOne
    BetaEntity beta;
}
