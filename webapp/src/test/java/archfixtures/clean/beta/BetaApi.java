package archfixtures.clean.beta;

public interface BetaApi {
    long balanceOf(long accountId);
}
