package io.swapdesk.quotes.internal;

import io.swapdesk.identity.CurrentUser;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.QuotesError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code /api/quotes}: the caller's quotes. Creating one needs an {@code Idempotency-Key}; reading one that belongs to
 * someone else answers the same 404 as one that does not exist. One instance serves every request (the caller comes
 * from the request-scoped {@link CurrentUser}).
 */
@Path("quotes")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
public class QuotesResource {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @Inject
    CurrentUser currentUser;

    @Inject
    QuoteService quotes;

    @Inject
    QuoteJson json;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a quote", description = "Prices a swap of from.amount base units of from.asset on "
            + "from.chainId into to.asset on to.chainId, paid out to recipient (one of your verified wallets), and "
            + "answers the quote with deposit instructions. The same Idempotency-Key with the same body answers the "
            + "same quote (200); with another body it is refused (422).")
    public Response create(@HeaderParam("Idempotency-Key") String idempotencyKey, JsonValue body,
                           @Context UriInfo uri) {
        QuoteService.Answer answer = quotes.create(currentUser.id(), idempotencyKey, body);
        JsonObject view = answer.price().map(price -> json.view(answer.quote(), price))
                .orElseGet(() -> json.view(answer.quote()));
        if (!answer.created()) {
            return Response.ok(view).header("Idempotent-Replayed", "true").build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(answer.quote().id().toString()).build())
                .entity(view).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of your quotes", description = "With its status and execution summary.")
    public JsonObject one(@PathParam("id") String id) {
        DomainException notFound = notFound(id);
        UUID quoteId = parseId(id).orElseThrow(() -> notFound);
        Quote quote = quotes.find(quoteId).orElseThrow(() -> notFound);
        currentUser.requireOwnerOf(new UserId(quote.userId()), notFound);
        return json.view(quote);
    }

    @GET
    @Operation(summary = "Your quotes, newest first", description = "Paged: pass the answer's nextCursor as cursor for "
            + "the next page; status filters (PENDING, COMMITTED, …); limit 1 to 100, default 20.")
    public JsonObject list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
                           @QueryParam("limit") String limit) {
        Optional<QuoteStatus> wanted = Optional.ofNullable(status).map(text -> QuoteStatus.parse(text)
                .orElseThrow(() -> invalid("status", "status must be one of " + Arrays.stream(QuoteStatus.values())
                        .map(Enum::name).collect(Collectors.joining(", ")) + "; got " + AssetCatalog.clip(text))));
        Optional<UUID> before = Optional.ofNullable(cursor).map(Cursor::parse);
        int size = limit(limit);
        List<Quote> page = quotes.page(currentUser.id(), wanted, before, size + 1);
        JsonArrayBuilder items = Jsonp.createArrayBuilder();
        page.stream().limit(size).forEach(quote -> items.add(json.view(quote)));
        JsonObjectBuilder answer = Jsonp.createObjectBuilder().add("quotes", items);
        if (page.size() > size) {
            answer.add("nextCursor", Cursor.of(page.get(size - 1).id()));
        }
        return answer.build();
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = text.length() <= 3 ? Integer.parseInt(text) : -1;
            if (value >= 1 && value <= MAX_LIMIT && text.chars().allMatch(Character::isDigit)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "; got "
                + AssetCatalog.clip(text));
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return id.length() == 36 ? Optional.of(UUID.fromString(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DomainException notFound(String id) {
        return new DomainException(QuotesError.QUOTE_NOT_FOUND, "you have no quote " + AssetCatalog.clip(id));
    }

    private static DomainException invalid(String field, String detail) {
        return new DomainException(PlatformError.INVALID_REQUEST, detail, Map.of("field", field));
    }
}
