package io.swapdesk.webapp.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Named, expected failures of any module: their code decides the status. */
@Provider
@ApplicationScoped
public class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Inject
    ProblemJson problems;

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(DomainException exception) {
        return problems.response(Problem.from(exception).withInstance(ProblemJson.instanceOf(uriInfo)));
    }
}
