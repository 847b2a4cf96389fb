package archfixtures.internalaccess.alpha;

import archfixtures.internalaccess.beta.internal.BetaSecret;

public class AlphaService {
    public int peek() {
        return new BetaSecret().value();
    }
}
