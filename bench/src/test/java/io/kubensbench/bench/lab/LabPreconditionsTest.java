package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabPreconditionsTest {

    @Test
    void refusesAnotherOperatingSystemNamingIt() {
        assertThatThrownBy(() -> LabPreconditions.checkHost("Mac OS X", true))
                .isInstanceOf(LabUnavailableException.class)
                .hasMessage("the lab needs Linux (this is Mac OS X)");
    }

    @Test
    void refusesANonRootUserWithOneLine() {
        assertThatThrownBy(() -> LabPreconditions.checkHost("Linux", false))
                .isInstanceOf(LabUnavailableException.class)
                .hasMessageStartingWith("the lab needs root")
                .hasMessageNotContaining("\n");
    }

    @Test
    void acceptsRootOnLinux() {
        assertThatCode(() -> LabPreconditions.checkHost("Linux", true)).doesNotThrowAnyException();
    }
}
