package io.kubensbench.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** --es-server as kube-burner takes it: credentials in the URL, shown nowhere. */
class EsServerTest {

    @Test
    void userInfoIsTakenOutOfTheUrlThatMessagesShow() {
        EsServer es = EsServer.parse("https://elastic:p%40ss:w@search.example:9200/prefix/", "--es-server");

        assertThat(es.user()).isEqualTo("elastic");
        assertThat(es.password()).isEqualTo("p@ss:w");
        assertThat(es.shown()).isEqualTo("https://search.example:9200/prefix");
        assertThat(es.endpoint("_bulk")).isEqualTo(URI.create("https://search.example:9200/prefix/_bulk"));
    }

    @Test
    void notAnHttpUrlIsOneLineWithoutTheCredentials() {
        assertThatThrownBy(() -> EsServer.parse("ftp://u:secret@host", "--es-server"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--es-server: must be an http:// or https:// URL (got ftp://***@host)");
    }
}
