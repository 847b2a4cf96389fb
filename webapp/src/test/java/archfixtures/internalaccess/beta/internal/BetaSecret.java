package archfixtures.internalaccess.beta.internal;

public class BetaSecret {
    public int value() {
        return 42;
    }
}
