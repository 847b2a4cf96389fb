package io.swapdesk.identity.internal;

import io.swapdesk.identity.CurrentUser;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.VerifiedWallet;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The signed-in user and their verified wallets. Everything here acts on the caller's own account only. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    Accounts accounts;

    @Inject
    SignIn signIn;

    @Context
    HttpServletRequest request;

    @GET
    public MeView me() {
        UserId user = currentUser.id();
        return new MeView(user.toString(), accounts.rolesOf(user).stream().map(Role::wireName).sorted().toList(),
                wallets(user));
    }

    @GET
    @Path("wallets")
    public List<WalletView> listWallets() {
        return wallets(currentUser.id());
    }

    /** Links another wallet: the body is a challenge for that wallet, signed with it. */
    @POST
    @Path("wallets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response linkWallet(JsonValue json) {
        JsonObject body = JsonFields.requireObject(json, AuthResource.SESSION_EXAMPLE);
        UserId user = currentUser.id();
        WalletAddress linked = signIn.link(user, JsonFields.requiredString(body, "message"),
                JsonFields.requiredString(body, "signature"), request.getRemoteAddr());
        WalletView view = wallets(user).stream().filter(wallet -> wallet.address().equals(linked.address())
                && wallet.chain().equals(linked.family().wireName())).findFirst().orElseThrow();
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @DELETE
    @Path("wallets/{address}")
    public Response removeWallet(@PathParam("address") String address) {
        UserId user = currentUser.id();
        WalletAddress wallet = accounts.walletsOf(user).stream().map(VerifiedWallet::address)
                .filter(owned -> owned.address().equals(address)
                        || owned.address().equalsIgnoreCase(address) && address.startsWith("0x"))
                .findFirst()
                .orElseThrow(() -> new DomainException(IdentityError.WALLET_NOT_FOUND, "you have no verified wallet "
                        + Inputs.clip(address), Map.of("address", Inputs.clip(address))));
        switch (accounts.unlink(user, wallet)) {
            case REMOVED -> { }
            case NOT_FOUND -> throw new DomainException(IdentityError.WALLET_NOT_FOUND, "you have no verified wallet "
                    + wallet.address(), Map.of("address", wallet.address()));
            case LAST_WALLET -> throw new DomainException(IdentityError.LAST_WALLET, wallet.address() + " is your only "
                    + "wallet and removing it would lock you out: link another wallet first",
                    Map.of("address", wallet.address()));
        }
        return Response.noContent().build();
    }

    private List<WalletView> wallets(UserId user) {
        return accounts.walletsOf(user).stream()
                .map(wallet -> new WalletView(wallet.address().family().wireName(), wallet.address().address(),
                        wallet.verifiedAt()))
                .toList();
    }

    public record MeView(String userId, List<String> roles, List<WalletView> wallets) {
    }

    public record WalletView(String chain, String address, Instant verifiedAt) {
    }
}
