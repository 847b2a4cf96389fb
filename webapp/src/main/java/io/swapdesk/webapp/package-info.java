/**
 * The deployable application: the REST root ({@code /api}), the problem+json error boundary for everything
 * that leaves the server, and the database migrations that run before the application serves.
 * It wires the modules together; it holds no business rules of its own.
 */
package io.swapdesk.webapp;
