package io.swapdesk.notifications.internal;

import io.swapdesk.charts.Interval;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.pricing.Pair;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code /ws} message protocol (docs/api/websocket.md): one JSON object per text frame with an {@code op};
 * every answer is a JSON object with a {@code type}. A bad frame gets an error message and leaves the connection
 * and every other client alone. Channels: {@code prices} and {@code bars} (public, served by {@link MarketChannels})
 * and {@code account} (after {@code auth}).
 *
 * <p>One instance per connection: it holds who signed in on it ({@code auth}) and its subscriptions. Every frame it
 * sends goes through the connection's {@link Outbound}: first the reply, then what the message set off (snapshots).
 */
final class StreamProtocol {

    /** The largest text message a client may send, in UTF-8 bytes, whether in one frame or in fragments. */
    static final int MAX_TEXT_MESSAGE_BYTES = 16 * 1024;

    /** The signed-in user's own events (issue: the swap); needs auth. */
    static final String ACCOUNT = "account";

    static final String PRICES = "prices";
    static final String BARS = "bars";

    /** Binary frames are not part of the protocol; up to this size they are read only to be refused as such. */
    static final int MAX_BINARY_FRAME_BYTES = 64 * 1024;

    private static final String CHANNELS = "prices, bars, account";

    private final TokenVerifier tokens;
    private final Clock clock;
    private final MarketChannels market;
    private final AccountChannel account;
    private final StreamConnection connection;
    private final List<Runnable> afterReply = new ArrayList<>(1);
    private SignedInUser user;
    private boolean accountSubscribed;

    StreamProtocol(TokenVerifier tokens, Clock clock, MarketChannels market, AccountChannel account,
                   StreamConnection connection) {
        this.account = account;
        this.tokens = tokens;
        this.clock = clock;
        this.market = market;
        this.connection = connection;
    }

    /** Answers one frame: the reply first, then the snapshots a subscribe set off. */
    void receive(String frame) {
        String reply = answer(frame);
        connection.outbound().reply(reply, market.settings().maxBehindMillis());
        List<Runnable> then = List.copyOf(afterReply);
        afterReply.clear();
        then.forEach(Runnable::run);
    }

    String answer(String frame) {
        JsonObject message;
        try {
            message = parse(frame);
        } catch (JsonException | IllegalStateException e) {
            return error("MALFORMED_MESSAGE", "Send one JSON object per frame, e.g. {\"op\":\"ping\"}.");
        }
        JsonValue op = message.get("op");
        if (!(op instanceof JsonString name)) {
            return error("MISSING_OP", "Every message needs a string \"op\", e.g. {\"op\":\"ping\"}.");
        }
        return switch (name.getString()) {
            case "ping" -> Jsonp.createObjectBuilder().add("type", "pong").build().toString();
            case "auth" -> authenticate(message.get("token"));
            case "subscribe" -> subscribe(message);
            case "unsubscribe" -> unsubscribe(message);
            default -> error("UNKNOWN_OP", "Unknown op \"" + clip(name.getString())
                    + "\"; supported: ping, auth, subscribe, unsubscribe.");
        };
    }

    /** The user signed in on this connection while their token is valid; empty before auth and after expiry. */
    Optional<SignedInUser> signedInUser() {
        if (user != null && user.expiredAt(clock.instant())) {
            user = null;
            accountSubscribed = false;
        }
        return Optional.ofNullable(user);
    }

    boolean accountSubscribed() {
        return signedInUser().isPresent() && accountSubscribed;
    }

    /** A failed auth leaves the connection as it was: signed in as before, or not at all. */
    private String authenticate(JsonValue token) {
        if (!(token instanceof JsonString text)) {
            return error("MISSING_TOKEN", "auth needs the token from POST /api/auth/sessions: "
                    + "{\"op\":\"auth\",\"token\":\"…\"}.");
        }
        SignedInUser verified;
        try {
            verified = tokens.verify(text.getString());
        } catch (DomainException e) {
            return error(e.code().code(), e.detail());
        }
        if (user != null && !user.id().equals(verified.id())) {
            return error("ALREADY_AUTHENTICATED", "this connection is signed in as another user; open a new one.");
        }
        user = verified;
        return Jsonp.createObjectBuilder().add("type", "authenticated").add("userId", verified.id().toString())
                .add("expiresAt", verified.expiresAt().toString()).build().toString();
    }

    private String subscribe(JsonObject message) {
        if (!(message.get("channel") instanceof JsonString name)) {
            return error("MISSING_CHANNEL", "subscribe needs a \"channel\", e.g. "
                    + "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}.");
        }
        return switch (name.getString()) {
            case ACCOUNT -> subscribeAccount(message.get("since"));
            case PRICES -> subscribePrices(message);
            case BARS -> subscribeBars(message);
            default -> error("UNKNOWN_CHANNEL", "Unknown channel \"" + clip(name.getString()) + "\"; served: "
                    + CHANNELS + ".");
        };
    }

    private String subscribeAccount(JsonValue since) {
        if (signedInUser().isEmpty()) {
            return error("NOT_SIGNED_IN", "the account channel needs {\"op\":\"auth\",\"token\":\"…\"} first "
                    + "(and again after the token expires).");
        }
        Long resumeAfter = null;
        if (since != null && since.getValueType() != JsonValue.ValueType.NULL) {
            if (!(since instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0) {
                return error("INVALID_SINCE", "since is the seq of the last account event you received, a whole "
                        + "number of 0 or more; leave it out for live events only.");
            }
            resumeAfter = number.longValue();
        }
        accountSubscribed = true;
        UserId following = user.id();
        Long from = resumeAfter;
        afterReply.add(() -> account.follow(connection, following, this::accountSubscribed, from));
        JsonObjectBuilder reply = channelReply("subscribed", ACCOUNT);
        if (resumeAfter != null) {
            reply.add("since", resumeAfter);
        }
        return reply.build().toString();
    }

    private String subscribePrices(JsonObject message) {
        Object pairs = pairs(message.get("pairs"), true);
        if (pairs instanceof String error) {
            return error;
        }
        @SuppressWarnings("unchecked")
        Set<Pair> wanted = (Set<Pair>) pairs;
        List<Topic> topics = wanted.stream().<Topic>map(Topic.Prices::new).toList();
        String refused = refuseOverLimit(topics);
        if (refused != null) {
            return refused;
        }
        afterReply.add(() -> topics.forEach(topic -> market.subscribe(connection, topic)));
        return channelReply("subscribed", PRICES).add("pairs", names(wanted)).build().toString();
    }

    private String subscribeBars(JsonObject message) {
        Object topic = barsTopic(message);
        if (topic instanceof String error) {
            return error;
        }
        Topic.Bars bars = (Topic.Bars) topic;
        String refused = refuseOverLimit(List.of(bars));
        if (refused != null) {
            return refused;
        }
        afterReply.add(() -> market.subscribe(connection, bars));
        return channelReply("subscribed", BARS).add("pair", bars.pair().toString())
                .add("interval", bars.interval().code()).build().toString();
    }

    private String unsubscribe(JsonObject message) {
        if (!(message.get("channel") instanceof JsonString name)) {
            return error("UNKNOWN_CHANNEL", "unsubscribe needs a served \"channel\": " + CHANNELS + ".");
        }
        switch (name.getString()) {
            case ACCOUNT -> {
                accountSubscribed = false;
                account.unfollow(connection);
                return channelReply("unsubscribed", ACCOUNT).build().toString();
            }
            case PRICES -> {
                JsonValue listed = message.get("pairs");
                List<Topic> topics;
                if (listed == null) {
                    topics = connection.topics().stream().filter(Topic.Prices.class::isInstance).toList();
                } else {
                    Object pairs = pairs(listed, false);
                    if (pairs instanceof String error) {
                        return error;
                    }
                    @SuppressWarnings("unchecked")
                    Set<Pair> named = (Set<Pair>) pairs;
                    topics = named.stream().<Topic>map(Topic.Prices::new).toList();
                }
                topics.forEach(topic -> market.unsubscribe(connection, topic));
                JsonArrayBuilder names = Jsonp.createArrayBuilder();
                topics.forEach(topic -> names.add(((Topic.Prices) topic).pair().toString()));
                return channelReply("unsubscribed", PRICES).add("pairs", names).build().toString();
            }
            case BARS -> {
                if (message.get("pair") == null && message.get("interval") == null) {
                    connection.topics().stream().filter(Topic.Bars.class::isInstance).toList()
                            .forEach(topic -> market.unsubscribe(connection, topic));
                    return channelReply("unsubscribed", BARS).build().toString();
                }
                Object topic = barsTopic(message);
                if (topic instanceof String error) {
                    return error;
                }
                Topic.Bars bars = (Topic.Bars) topic;
                market.unsubscribe(connection, bars);
                return channelReply("unsubscribed", BARS).add("pair", bars.pair().toString())
                        .add("interval", bars.interval().code()).build().toString();
            }
            default -> {
                return error("UNKNOWN_CHANNEL", "Unknown channel \"" + clip(name.getString()) + "\"; served: "
                        + CHANNELS + ".");
            }
        }
    }

    /** The pairs of a prices message as a set, or an error frame. Subscribing needs pairs priced here. */
    private Object pairs(JsonValue value, boolean mustBePriced) {
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            return error("MISSING_PAIRS", "the prices channel needs a non-empty \"pairs\" list, e.g. "
                    + "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}.");
        }
        if (list.size() > market.settings().maxSubscriptions()) {
            return error("TOO_MANY_SUBSCRIPTIONS", "at most " + market.settings().maxSubscriptions()
                    + " subscriptions per connection; the message names " + list.size() + " pairs.");
        }
        Set<Pair> pairs = new LinkedHashSet<>();
        for (JsonValue item : list) {
            Object pair = pair(item, mustBePriced);
            if (pair instanceof String error) {
                return error;
            }
            pairs.add((Pair) pair);
        }
        return pairs;
    }

    private Object pair(JsonValue value, boolean mustBePriced) {
        if (!(value instanceof JsonString text)) {
            return error("INVALID_PAIR", "a pair is a string BASE-QUOTE, e.g. \"ETH-USD\".");
        }
        Pair pair;
        try {
            pair = Pair.parse(text.getString());
        } catch (IllegalArgumentException e) {
            return error("INVALID_PAIR", e.getMessage());
        }
        if (mustBePriced && !market.prices().pairs().contains(pair)) {
            return error("UNKNOWN_PAIR", "pair " + pair + " is not priced here; priced pairs: "
                    + market.prices().pairs() + ".");
        }
        return pair;
    }

    private Object barsTopic(JsonObject message) {
        JsonValue pairValue = message.get("pair");
        if (pairValue == null) {
            return error("MISSING_PAIR", "the bars channel needs a \"pair\" and an \"interval\", e.g. "
                    + "{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}.");
        }
        Object pair = pair(pairValue, true);
        if (pair instanceof String error) {
            return error;
        }
        Interval interval;
        try {
            interval = message.get("interval") instanceof JsonString code ? Interval.parse(code.getString())
                    : Interval.parse("");
        } catch (IllegalArgumentException e) {
            return error("INVALID_INTERVAL", e.getMessage());
        }
        return new Topic.Bars((Pair) pair, interval);
    }

    /** Refuses a subscribe that would take the connection over its limit; null when within it. */
    private String refuseOverLimit(List<Topic> topics) {
        long added = topics.stream().filter(topic -> !connection.topics().contains(topic)).count();
        int held = connection.topics().size() + (accountSubscribed ? 1 : 0);
        int limit = market.settings().maxSubscriptions();
        if (held + added > limit) {
            return error("TOO_MANY_SUBSCRIPTIONS", "at most " + limit + " subscriptions per connection; it holds "
                    + held + " and this would add " + added + ". Nothing was subscribed.");
        }
        return null;
    }

    private static JsonArrayBuilder names(Set<Pair> pairs) {
        JsonArrayBuilder names = Jsonp.createArrayBuilder();
        pairs.forEach(pair -> names.add(pair.toString()));
        return names;
    }

    private static JsonObjectBuilder channelReply(String type, String channel) {
        return Jsonp.createObjectBuilder().add("type", type).add("channel", channel);
    }

    static String error(String code, String message) {
        return Jsonp.createObjectBuilder()
                .add("type", "error")
                .add("code", code)
                .add("message", message)
                .build()
                .toString();
    }

    /** Exactly one JSON object: trailing content ({@code {}{}}) is refused too. */
    private static JsonObject parse(String frame) {
        try (JsonParser parser = Jsonp.createParser(new StringReader(frame))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            JsonObject message = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
            return message;
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
