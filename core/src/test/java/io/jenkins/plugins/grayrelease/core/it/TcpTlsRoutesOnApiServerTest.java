package io.jenkins.plugins.grayrelease.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.grayrelease.core.engine.GrayRelease;
import io.jenkins.plugins.grayrelease.core.PromoteOptions;
import io.jenkins.plugins.grayrelease.core.ReleaseTarget;
import io.jenkins.plugins.grayrelease.core.TesterMatch;
import io.jenkins.plugins.grayrelease.core.TesterRoute;
import io.jenkins.plugins.grayrelease.core.WeightSplit;
import io.jenkins.plugins.grayrelease.core.WriteOptions;
import io.jenkins.plugins.grayrelease.core.errors.InvalidReleaseException;
import io.jenkins.plugins.grayrelease.core.testing.DbRoutes;
import org.junit.jupiter.api.Test;

/** TCP and TLS routes managed on the real API server, each stored state checked by Istio's validation. */
@ApiServerTest
class TcpTlsRoutesOnApiServerTest {

    static final String OBJECTS = DbRoutes.objects();

    private static String split(ObjectNode vs, String kind) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : vs.path("spec").path(kind).get(0).path("route")) {
            sb.append(e.path("destination").path("subset").asText()).append('=').append(e.path("weight").asText("-")).append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void tcpAndTlsRoutesShiftWeightPromoteAndRollBackValidly(RealApiServer server, IstioValidator istio) {
        String ns = server.createNamespace("tcp");
        Cluster.install(server.client(), ns, OBJECTS);
        io.jenkins.plugins.grayrelease.core.testing.Workloads.serve(server.client(), ns, "db", "v1", "v2");
        GrayRelease engine = new GrayRelease(server.client(), SampleRelease.ACTOR);
        ReleaseTarget tcp = ReleaseTarget.builder(ns, "db").route("tcp:5432").stableSubset("v1").canarySubset("v2").build();
        ReleaseTarget tls = ReleaseTarget.builder(ns, "db").route("tls:443").stableSubset("v1").canarySubset("v2").build();

        assertThat(engine.setWeight(tcp, 25, WriteOptions.defaults()).status().weights()).isEqualTo(new WeightSplit(75, 25));
        assertThat(engine.setWeight(tls, 60, WriteOptions.defaults()).status().weights()).isEqualTo(new WeightSplit(40, 60));
        ObjectNode vs = Cluster.virtualService(server.client(), ns, "db");
        assertThat(split(vs, "tcp")).isEqualTo("v1=75 v2=25");
        assertThat(split(vs, "tls")).isEqualTo("v1=40 v2=60");
        IstioValidator.IstioValidation v = istio.validateStored(ns);
        assertThat(v.valid()).as(v.output()).isTrue();

        String rv = vs.path("metadata").path("resourceVersion").asText();
        assertThatThrownBy(() -> engine.setTesters(tcp, TesterRoute.of(TesterMatch.header("x-canary", "1")), WriteOptions.defaults()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith(ns + "/VirtualService/db: spec.tcp[0]: the managed route is a TCP route; tester routes match HTTP headers");
        assertThatThrownBy(() -> engine.setMirror(tls, 5, WriteOptions.defaults()))
                .isInstanceOf(InvalidReleaseException.class)
                .hasMessageStartingWith(ns + "/VirtualService/db: spec.tls[0]: the managed route is a TLS route; Istio mirrors HTTP requests only");
        assertThat(Cluster.virtualService(server.client(), ns, "db").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);

        engine.promote(ReleaseTarget.builder(ns, "db").route("tcp:5432").build(), PromoteOptions.defaults());
        engine.rollback(ReleaseTarget.builder(ns, "db").route("tls:443").build(), WriteOptions.defaults());
        vs = Cluster.virtualService(server.client(), ns, "db");
        assertThat(split(vs, "tcp")).isEqualTo("v2=100");
        assertThat(split(vs, "tls")).isEqualTo("v1=100");
        v = istio.validateStored(ns);
        assertThat(v.valid()).as(v.output()).isTrue();
    }
}
