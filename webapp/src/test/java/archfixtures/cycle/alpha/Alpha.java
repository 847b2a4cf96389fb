package archfixtures.cycle.alpha;

import archfixtures.cycle.beta.Beta;

public class Alpha {
    Beta beta;
}
