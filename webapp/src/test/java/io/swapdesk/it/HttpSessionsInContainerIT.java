package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: the HTTP sessions the WebSocket container opens at every {@code /ws} handshake (SwapDesk itself
 * keeps none) expire a minute after it, not after the servlet default of 30 minutes (web.xml).
 */
@ExtendWith(ArquillianExtension.class)
class HttpSessionsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith();
    }

    @Inject
    ServletContext application;

    @Test
    void sessionsExpireAfterOneMinute() {
        assertEquals(1, application.getSessionTimeout(), "minutes");
    }
}
