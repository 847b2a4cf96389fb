/**
 * Application plumbing: migrations at startup, request size limits, and the mappers that turn every failure
 * into problem+json. Nothing here is used by the modules.
 */
package io.swapdesk.webapp.internal;
