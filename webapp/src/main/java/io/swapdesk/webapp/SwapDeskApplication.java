package io.swapdesk.webapp;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API root. Resources and providers are discovered in the modules' jars. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(
        title = "SwapDesk API",
        version = "0.1",
        description = "Cross-chain swap and payment desk. Amounts are decimal strings in base units; "
                + "errors are RFC 9457 problem+json with a stable `type` and `code`."))
public class SwapDeskApplication extends Application {
}
