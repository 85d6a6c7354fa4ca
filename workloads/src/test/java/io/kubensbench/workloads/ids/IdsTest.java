package io.kubensbench.workloads.ids;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.workloads.pods.PodFactory;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void anIdIsEightHexDigitsAndAValidRunId() {
        String id = Ids.random();

        assertThat(id).matches("[0-9a-f]{8}");
        assertThat(PodFactory.checkedRunId(id)).isEqualTo(id);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.random());
        }
        assertThat(ids).hasSize(1000);
    }
}
