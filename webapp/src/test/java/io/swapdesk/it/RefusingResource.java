package io.swapdesk.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/**
 * A test-only resource, deployed only in the in-container test archive, that refuses requests the way JAX-RS code
 * does: by throwing a {@link WebApplicationException} with a status and headers of its own.
 */
@Path("refusing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RefusingResource {

    static final String CHALLENGE = "Bearer realm=\"swapdesk\"";

    @GET
    @Path("unauthorized")
    public String unauthorized() {
        throw new NotAuthorizedException(CHALLENGE);
    }

    @GET
    @Path("forbidden")
    public String forbidden() {
        throw new ForbiddenException();
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw new ClientErrorException(Response.Status.CONFLICT);
    }

    @GET
    @Path("precondition-failed")
    public String preconditionFailed() {
        throw new ClientErrorException(Response.Status.PRECONDITION_FAILED);
    }

    @GET
    @Path("rate-limited")
    public String rateLimited() {
        throw new WebApplicationException(Response.status(429).header("Retry-After", "7").build());
    }

    @GET
    @Path("bad-request")
    public String badRequest() {
        throw new BadRequestException();
    }

    @GET
    @Path("bad-gateway")
    public String badGateway() {
        throw new ServerErrorException(Response.Status.BAD_GATEWAY);
    }

    @GET
    @Path("unavailable")
    public String unavailable() {
        throw new ServiceUnavailableException(30L);
    }

    @GET
    @Path("gateway-timeout")
    public String gatewayTimeout() {
        throw new ServerErrorException(Response.Status.GATEWAY_TIMEOUT);
    }

    @GET
    @Path("moved")
    public String moved() {
        throw new RedirectionException(Response.Status.SEE_OTHER, URI.create("/api/elsewhere"));
    }

    @GET
    @Path("count")
    public Map<String, Integer> count(@QueryParam("n") int n) {
        return Map.of("n", n);
    }

    @GET
    @Path("header-count")
    public Map<String, Integer> headerCount(@HeaderParam("X-Count") int count) {
        return Map.of("count", count);
    }
}
