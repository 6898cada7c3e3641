package org.tmshost.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped Logback configuration parses cleanly (a broken one prints a stack trace at start-up). */
@Tag("unit")
class LoggingConfigurationTest {
    @Test
    void theShippedLogbackConfigurationHasNoErrors() throws Exception {
        URL config = TmsHostCommand.class.getResource("/logback.xml");
        assertThat(config).isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (Exception e) {
            throw new AssertionError("logback.xml does not parse: " + e.getMessage(), e);
        }
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .noneMatch(status -> status.getLevel() >= Status.WARN);
    }
}
