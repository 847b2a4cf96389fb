package io.swapdesk.it;

import io.swapdesk.platform.Amount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * A test-only JSON resource, deployed only in the in-container test archive, that exercises the application's
 * error boundary the way real resources will: JSON binding, platform value validation, and an unexpected bug.
 */
@Path("probe")
@RequestScoped
public class ProbeResource {

    public record Payment(String amount, int decimals) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> parse(Payment payment) {
        Amount amount = Amount.parseDecimal(payment.amount(), payment.decimals());
        return Map.of("units", amount.toUnitsString());
    }

    @POST
    @Path("bug")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> bug() {
        throw new IllegalStateException("internal detail io.swapdesk.secret must not leak");
    }
}
