package archfixtures.cycle.beta;

import archfixtures.cycle.alpha.Alpha;

public class Beta {
    Alpha alpha;
}
