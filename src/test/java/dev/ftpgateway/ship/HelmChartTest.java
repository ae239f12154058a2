package dev.ftpgateway.ship;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.ftpgateway.config.FtpGatewayProperties;
import dev.ftpgateway.config.FtpGatewaySecurityProperties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static dev.ftpgateway.ship.RenderedChart.at;
import static dev.ftpgateway.ship.RenderedChart.list;
import static dev.ftpgateway.ship.RenderedChart.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Lints and renders helm/ftp-gateway through helm-java (Helm's own Go library over JNA, so no
 * helm binary is needed) and checks the manifests an operator would apply.
 */
class HelmChartTest {

	private static final Path CHART = Path.of("helm", "ftp-gateway");

	private static final Path APPLICATION_YAML = Path.of("src", "main", "resources", "application.yaml");


	private static final String PASSWORD = "pa55-Word-only-in-the-Secret";

	private static final Helm HELM = new Helm(CHART);

	@Test
	void chartPassesStrictLint() {
		LintResult result = HELM.lint().strict().call();
		assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
	}

	@Test
	void defaultValuesRenderTheCoreObjectsWithStandardLabels() {
		RenderedChart chart = render(Map.of());
		assertThat(chart.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment");
		assertStandardLabels(chart);
		assertThat(at(chart.get("Deployment"), "spec.replicas")).isEqualTo(2);
		assertThat(chart.container().get("image")).isEqualTo("ftp-gateway:" + appVersion());
	}

	@Test
	void serviceAndDeploymentSelectTheSamePods() {
		RenderedChart chart = render(Map.of());
		Map<String, Object> deployment = chart.get("Deployment");
		Map<String, Object> selector = map(deployment, "spec.selector.matchLabels");
		assertThat(map(deployment, "spec.template.metadata.labels")).containsAllEntriesOf(selector);
		assertThat(map(chart.get("Service"), "spec.selector")).isEqualTo(selector);
		assertThat(list(chart.get("Service"), "spec.ports").get(0)).containsEntry("targetPort", "http");
		assertThat(list(chart.container(), "ports").get(0)).containsEntry("name", "http").containsEntry("containerPort", 8080);
	}

	static Stream<Arguments> optionalObjects() {
		return Stream.of(Arguments.of("ingress.enabled", "Ingress"),
				Arguments.of("autoscaling.enabled", "HorizontalPodAutoscaler"),
				Arguments.of("podDisruptionBudget.enabled", "PodDisruptionBudget"),
				Arguments.of("serviceMonitor.enabled", "ServiceMonitor"),
				Arguments.of("networkPolicy.enabled", "NetworkPolicy"));
	}

	@ParameterizedTest(name = "{1} only when {0}")
	@MethodSource("optionalObjects")
	void optionalObjectAppearsOnlyWhenEnabled(String flag, String kind) {
		assertThat(render(Map.of()).find(kind)).isEmpty();
		assertThat(render(Map.of(flag, false)).find(kind)).isEmpty();
		RenderedChart enabled = render(Map.of(flag, true));
		assertThat(enabled.find(kind)).isPresent();
		assertStandardLabels(enabled);
	}

	@Test
	void autoscalerTakesTheReplicaCountOverFromTheDeployment() {
		RenderedChart chart = render(Map.of("autoscaling.enabled", true, "autoscaling.maxReplicas", 6));
		assertThat(map(chart.get("Deployment"), "spec")).doesNotContainKey("replicas");
		assertThat(at(chart.get("HorizontalPodAutoscaler"), "spec.maxReplicas")).isEqualTo(6);
		assertThat(at(chart.get("HorizontalPodAutoscaler"), "spec.scaleTargetRef.name"))
			.isEqualTo(at(chart.get("Deployment"), "metadata.name"));
	}

	@Test
	void serviceMonitorScrapesThePrometheusEndpoint() {
		Map<String, Object> monitor = render(Map.of("serviceMonitor.enabled", true)).get("ServiceMonitor");
		Map<String, Object> endpoint = list(monitor, "spec.endpoints").get(0);
		assertThat(endpoint).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
	}

	@Test
	void serviceMonitorSendsAnApiKeyFromASecretWhenMetricsNeedCredentials() {
		Map<String, Object> endpoint = list(render(Map.of("serviceMonitor.enabled", true, "serviceMonitor.apiKeySecret.name",
				"prometheus-key")).get("ServiceMonitor"), "spec.endpoints").get(0);
		assertThat(at(endpoint, "authorization.type")).isEqualTo("Bearer");
		assertThat(map(endpoint, "authorization.credentials")).containsEntry("name", "prometheus-key")
			.containsEntry("key", "api-key");
		Map<String, Object> anonymous = list(render(Map.of("serviceMonitor.enabled", true)).get("ServiceMonitor"),
				"spec.endpoints").get(0);
		assertThat(anonymous).doesNotContainKey("authorization");
	}

	@Test
	void aManagementPortTakesTheProbesAndTheScrapeWithoutCredentials() {
		RenderedChart chart = render(Map.of("managementPort", 8081, "serviceMonitor.enabled", true,
				"serviceMonitor.apiKeySecret.name", "prometheus-key", "networkPolicy.enabled", true,
				"networkPolicy.managementFrom[0].namespaceSelector.matchLabels.name", "monitoring"));
		assertThat(map(chart.get("ConfigMap"), "data")).containsEntry("MANAGEMENT_SERVER_PORT", "8081");
		assertThat(list(chart.container(), "ports"))
			.anySatisfy((port) -> assertThat(port).containsEntry("name", "management").containsEntry("containerPort", 8081));
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(at(chart.container(), probe + ".httpGet.port")).as(probe).isEqualTo("management");
		}
		assertThat(list(chart.get("Service"), "spec.ports"))
			.anySatisfy((port) -> assertThat(port).containsEntry("name", "management").containsEntry("port", 8081));
		Map<String, Object> endpoint = list(chart.get("ServiceMonitor"), "spec.endpoints").get(0);
		assertThat(endpoint).containsEntry("port", "management").doesNotContainKey("authorization");
		List<Map<String, Object>> ingress = list(chart.get("NetworkPolicy"), "spec.ingress");
		assertThat(ingress).hasSize(2);
		assertThat(at(list(ingress.get(1), "from").get(0), "namespaceSelector.matchLabels.name")).isEqualTo("monitoring");
		assertThat(at(render(Map.of()).container(), "readinessProbe.httpGet.port")).isEqualTo("http");
	}

	@Test
	void useMlsdStaysUnsetUnlessGivenSoTheApplicationDecidesByTheServer() {
		assertThat(map(render(Map.of("ftp.host", "ftp.example.org")).get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SERVER_USE_MLSD", "");
		assertThat(map(render(Map.of("ftp.host", "ftp.example.org", "ftp.useMlsd", false)).get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SERVER_USE_MLSD", "false");
		assertThat(map(render(Map.of("ftp.host", "ftp.example.org", "ftp.useMlsd", true)).get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SERVER_USE_MLSD", "true");
	}

	@Test
	void apiKeysAndJwtSettingsComeFromAnExistingSecret() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org", "security.existingSecret", "gw-auth"));
		assertThat(list(chart.container(), "envFrom"))
			.anySatisfy((source) -> assertThat(at(source, "secretRef.name")).isEqualTo("gw-auth"));
		assertThat(chart.find("Secret")).isEmpty();
		assertThat(notes(Map.of("ftp.host", "ftp.example.org", "security.existingSecret", "gw-auth")))
			.doesNotContain("refuses to start");
	}

	@Test
	void trustStoreAndClientCertificateComeFromSecrets() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org", "ftp.tls.mode", "explicit",
				"ftp.tls.trustStore.existingSecret", "ftp-trust", "ftp.tls.clientKeyStore.existingSecret", "ftp-client",
				"ftp.tls.clientKeyStore.key", "client.p12"));
		assertThat(map(chart.get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SERVER_TLS_TRUST_STORE", "/etc/ftp-gateway/trust-store/truststore.p12")
			.containsEntry("FTP_GATEWAY_SERVER_TLS_CLIENT_KEY_STORE", "/etc/ftp-gateway/client-key-store/client.p12");
		assertThat(secretRef(chart, "FTP_GATEWAY_SERVER_TLS_TRUST_STORE_PASSWORD")).containsEntry("name", "ftp-trust")
			.containsEntry("key", "password");
		assertThat(secretRef(chart, "FTP_GATEWAY_SERVER_TLS_CLIENT_KEY_STORE_PASSWORD"))
			.containsEntry("name", "ftp-client");
		List<Map<String, Object>> volumes = list(chart.get("Deployment"), "spec.template.spec.volumes");
		assertThat(volumes).anySatisfy((volume) -> {
			assertThat(at(volume, "secret.secretName")).isEqualTo("ftp-client");
			assertThat(list(volume, "secret.items")).containsExactly(Map.of("key", "client.p12", "path", "client.p12"));
		});
		assertThat(volumes).anySatisfy((volume) -> assertThat(at(volume, "secret.secretName")).isEqualTo("ftp-trust"));
		assertThat(list(chart.container(), "volumeMounts").stream().map((mount) -> mount.get("mountPath")))
			.contains("/etc/ftp-gateway/trust-store", "/etc/ftp-gateway/client-key-store");
		assertThat(chart.find("Secret")).isEmpty();
	}

	@Test
	void extraEnvFromVolumesAndMountsReachThePod() {
		RenderedChart chart = render(Map.of("extraEnvFrom[0].secretRef.name", "partner-a-passwords",
				"extraVolumes[0].name", "partner-a-trust", "extraVolumes[0].secret.secretName", "partner-a-trust",
				"extraVolumeMounts[0].name", "partner-a-trust", "extraVolumeMounts[0].mountPath", "/etc/ftp-gateway/partner-a"));
		assertThat(list(chart.container(), "envFrom"))
			.anySatisfy((source) -> assertThat(at(source, "secretRef.name")).isEqualTo("partner-a-passwords"));
		assertThat(list(chart.get("Deployment"), "spec.template.spec.volumes"))
			.anySatisfy((volume) -> assertThat(volume).containsEntry("name", "partner-a-trust"));
		assertThat(list(chart.container(), "volumeMounts"))
			.anySatisfy((mount) -> assertThat(mount).containsEntry("mountPath", "/etc/ftp-gateway/partner-a"));
	}

	@Test
	void replicasPreferDifferentNodesUnlessAffinityIsGiven() {
		Map<String, Object> pod = map(render(Map.of()).get("Deployment"), "spec.template.spec");
		Map<String, Object> preferred = list(pod, "affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution")
			.get(0);
		assertThat(at(preferred, "podAffinityTerm.topologyKey")).isEqualTo("kubernetes.io/hostname");
		assertThat(map(preferred, "podAffinityTerm.labelSelector.matchLabels"))
			.isEqualTo(map(render(Map.of()).get("Deployment"), "spec.selector.matchLabels"));
		assertThat(map(render(Map.of("podAntiAffinity", "none")).get("Deployment"), "spec.template.spec"))
			.doesNotContainKey("affinity");
		Map<String, Object> own = map(render(Map.of("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
				+ ".nodeSelectorTerms[0].matchExpressions[0].key", "zone", "affinity.nodeAffinity.requiredDuringScheduling"
				+ "IgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", "Exists"))
			.get("Deployment"), "spec.template.spec.affinity");
		assertThat(own).containsOnlyKeys("nodeAffinity");
	}

	@Test
	void topologySpreadConstraintsSelectThisReleasesPods() {
		RenderedChart chart = render(Map.of("topologySpreadConstraints[0].maxSkew", 1,
				"topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone",
				"topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway"));
		Map<String, Object> constraint = list(chart.get("Deployment"), "spec.template.spec.topologySpreadConstraints")
			.get(0);
		assertThat(constraint).containsEntry("maxSkew", 1).containsEntry("topologyKey", "topology.kubernetes.io/zone");
		assertThat(map(constraint, "labelSelector.matchLabels"))
			.isEqualTo(map(chart.get("Deployment"), "spec.selector.matchLabels"));
		assertThat(map(render(Map.of()).get("Deployment"), "spec.template.spec"))
			.doesNotContainKey("topologySpreadConstraints");
	}

	@Test
	void passwordLandsOnlyInTheSecretAndReachesThePodThroughASecretKeyRef() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org", "ftp.password", PASSWORD));
		// Base64 in the Secret is the only form it may take: never in clear text anywhere.
		assertThat(chart.text()).doesNotContain(PASSWORD);
		Map<String, Object> secret = chart.get("Secret");
		Map<String, Object> data = map(secret, "data");
		assertThat(data).hasSize(1);
		String encoded = (String) data.values().iterator().next();
		assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)).isEqualTo(PASSWORD);
		for (Map<String, Object> object : chart.objects()) {
			if (!"Secret".equals(object.get("kind"))) {
				assertThat(new Yaml().dump(object)).as("%s", object.get("kind")).doesNotContain(encoded);
			}
		}
		assertThat(map(chart.get("ConfigMap"), "data").keySet()).noneMatch((key) -> key.contains("PASSWORD"));
		Map<String, Object> ref = passwordSecretRef(chart);
		assertThat(ref).containsEntry("name", at(secret, "metadata.name")).containsEntry("key", data.keySet().iterator().next());
	}

	/**
	 * One change to each ConfigMap and Secret the pods read. The application reads them once at
	 * start (environment variables, the CA bundle), so a change that leaves the pod template alone
	 * is never applied: a revoked API key would stay valid.
	 */
	private static final Map<String, Object> CHANGES_THE_PODS_READ = Map.of("security.apiKeys[0].hash",
			"{sha256}" + "1".repeat(64), "security.apiKeys[0].scopes", "read,write", "ftp.password", "another-one",
			"ftp.tls.caBundle", "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----", "pool.maxTotal", 9,
			"extraEnv.LOGGING_LEVEL_DEV_FTPGATEWAY_FTP", "DEBUG");

	@Test
	void everyChangeToAConfigMapOrSecretThePodsReadRollsThePods() {
		Map<String, Object> values = Map.of("ftp.host", "ftp.example.org", "ftp.password", PASSWORD, "ftp.tls.mode",
				"explicit", "ftp.tls.caBundle", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
				"security.apiKeys[0].name", "apps", "security.apiKeys[0].hash", "{sha256}" + "0".repeat(64),
				"security.apiKeys[0].scopes", "read");
		RenderedChart before = render(values);
		assertThat(podChecksums(render(values))).as("the same values, the same checksums")
			.isEqualTo(podChecksums(before))
			.isNotEmpty();
		Set<String> changedObjects = new TreeSet<>();
		SoftAssertions softly = new SoftAssertions();
		CHANGES_THE_PODS_READ.forEach((key, value) -> {
			Map<String, Object> changed = new LinkedHashMap<>(values);
			changed.put(key, value);
			RenderedChart after = render(changed);
			changedObjects.addAll(changedConfigObjects(before, after));
			softly.assertThat(podChecksums(after)).as("pod checksums after changing %s", key)
				.isNotEqualTo(podChecksums(before));
		});
		softly.assertThat(changedObjects).as("the changes cover every ConfigMap and Secret")
			.isEqualTo(configObjects(before).keySet());
		softly.assertAll();
	}

	@Test
	void existingSecretIsReferencedAndNoSecretIsRendered() {
		RenderedChart chart = render(Map.of("ftp.password", PASSWORD, "ftp.existingSecret", "ops-ftp",
				"ftp.existingSecretPasswordKey", "ftpPassword"));
		assertThat(chart.find("Secret")).isEmpty();
		assertThat(chart.text()).doesNotContain(PASSWORD);
		assertThat(passwordSecretRef(chart)).containsEntry("name", "ops-ftp").containsEntry("key", "ftpPassword");
	}

	@Test
	void theShareLinkKeyComesFromAnExistingSecret() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org", "shares.existingSecret", "ops-shares",
				"shares.existingSecretKey", "signing-key", "shares.maxExpiresIn", "1d"));
		assertThat(chart.find("Secret")).as("the chart renders no Secret for it").isEmpty();
		Map<String, Object> secret = list(chart.container(), "env").stream()
			.filter((variable) -> "FTP_GATEWAY_SHARES_SECRET".equals(variable.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(secret).doesNotContainKey("value");
		assertThat(map(secret, "valueFrom.secretKeyRef")).containsEntry("name", "ops-shares").containsEntry("key", "signing-key");
		assertThat(map(chart.get("ConfigMap"), "data")).containsEntry("FTP_GATEWAY_SHARES_MAX_EXPIRES_IN", "1d");
		RenderedChart withPassword = render(Map.of("ftp.host", "ftp.example.org", "ftp.password", PASSWORD,
				"shares.existingSecret", "ops-shares"));
		assertThat(list(withPassword.container(), "env")).extracting((variable) -> variable.get("name"))
			.containsExactly("FTP_GATEWAY_SERVER_PASSWORD", "FTP_GATEWAY_SHARES_SECRET");
	}

	@Test
	void withoutASharesSecretShareLinksStayOff() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org"));
		assertThat(chart.text()).doesNotContain("FTP_GATEWAY_SHARES_");
	}

	@Test
	void oneValueTurnsOnStructuredLogs() {
		assertThat(map(render(Map.of()).get("ConfigMap"), "data")).doesNotContainKey("LOGGING_STRUCTURED_FORMAT_CONSOLE");
		assertThat(map(render(Map.of("logFormat", "ecs")).get("ConfigMap"), "data"))
			.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
	}

	@Test
	void withoutAPasswordTheApplicationKeepsItsAnonymousDefault() {
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org"));
		assertThat(chart.find("Secret")).isEmpty();
		assertThat(chart.container()).doesNotContainKey("env");
	}

	@Test
	void probesPointAtTheHealthGroupsTheApplicationEnables() {
		Map<String, Object> container = render(Map.of()).container();
		assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			assertThat(at(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
		}
		// The paths exist only while the application keeps these management settings.
		Map<String, Object> application = applicationYaml();
		assertThat(at(application, "management.endpoint.health.probes.enabled")).isEqualTo(true);
		assertThat(String.valueOf(at(application, "management.endpoints.web.exposure.include")))
			.contains("health")
			.contains("prometheus");
		assertThat(at(application, "management.endpoints.web.base-path")).as("actuator base path").isIn(null, "/actuator");
		assertThat(at(application, "management.server.port")).as("actuator on the app port").isNull();
		assertThat(at(application, "server.port")).as("app port").isIn(null, 8080);
	}

	@Test
	void containerRunsAsNonRootUserWithAReadOnlyRootAndAWritableTmp() {
		RenderedChart chart = render(Map.of());
		Map<String, Object> security = map(chart.container(), "securityContext");
		assertThat(security).containsEntry("runAsNonRoot", true)
			.containsEntry("runAsUser", 10001)
			.containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false);
		assertThat(at(security, "capabilities.drop")).isEqualTo(List.of("ALL"));
		assertThat(at(security, "seccompProfile.type")).isEqualTo("RuntimeDefault");
		Map<String, Object> pod = map(chart.get("Deployment"), "spec.template.spec");
		assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat(list(chart.container(), "volumeMounts")).anySatisfy((mount) -> assertThat(mount)
			.containsEntry("name", "tmp")
			.containsEntry("mountPath", "/tmp"));
		assertThat(list(pod, "volumes")).anySatisfy((volume) -> assertThat(volume).containsEntry("name", "tmp")
			.containsKey("emptyDir"));
	}

	@Test
	void terminationGraceOutlastsTheApplicationsShutdownPhase() {
		for (int timeout : List.of(30, 120)) {
			RenderedChart chart = render(Map.of("shutdown.timeoutSeconds", timeout));
			int grace = (Integer) at(chart.get("Deployment"), "spec.template.spec.terminationGracePeriodSeconds");
			int preStop = Integer.parseInt(List.copyOf(preStopCommand(chart)).get(1));
			assertThat(grace).isGreaterThan(preStop + timeout);
			assertThat(map(chart.get("ConfigMap"), "data"))
				.containsEntry("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", timeout + "s");
		}
	}

	@Test
	void chartShutdownDefaultMatchesTheApplicationDefault() {
		Object applicationTimeout = at(applicationYaml(), "spring.lifecycle.timeout-per-shutdown-phase");
		assertThat(at(applicationYaml(), "server.shutdown")).isEqualTo("graceful");
		assertThat(map(render(Map.of()).get("ConfigMap"), "data"))
			.containsEntry("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", applicationTimeout);
	}

	@Test
	void configMapCarriesTheSettingsAsRelaxedBindingVariables() {
		Map<String, Object> data = map(render(Map.of("ftp.host", "ftp.example.org", "pool.maxTotal", 12,
				"transfer.bufferSize", "256KB", "extraEnv.LOGGING_LEVEL_DEV_FTPGATEWAY_FTP", "DEBUG"))
			.get("ConfigMap"), "data");
		assertThat(data).containsEntry("FTP_GATEWAY_SERVER_HOST", "ftp.example.org")
			.containsEntry("FTP_GATEWAY_POOL_MAX_TOTAL", "12")
			.containsEntry("FTP_GATEWAY_TRANSFER_BUFFER_SIZE", "256KB")
			.containsEntry("LOGGING_LEVEL_DEV_FTPGATEWAY_FTP", "DEBUG")
			.doesNotContainKey("FTP_GATEWAY_EMBEDDED_FOLDER");
	}

	@Test
	void ftpsCaBundleIsMountedFromItsOwnConfigMapAndNamedInTheSettings() {
		String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
		RenderedChart chart = render(Map.of("ftp.host", "ftp.example.org", "ftp.tls.mode", "explicit",
				"ftp.tls.caBundle", pem, "ftp.tls.protocols", "TLSv1.2"));
		List<Map<String, Object>> configMaps = chart.objects()
			.stream()
			.filter((object) -> "ConfigMap".equals(object.get("kind")))
			.map((object) -> map(object, "data"))
			.toList();
		assertThat(configMaps).anySatisfy((data) -> assertThat(data)
			.containsEntry("FTP_GATEWAY_SERVER_TLS_MODE", "explicit")
			.containsEntry("FTP_GATEWAY_SERVER_TLS_PROTOCOLS", "TLSv1.2")
			.containsEntry("FTP_GATEWAY_SERVER_TLS_CA_BUNDLE", "/etc/ftp-gateway/tls/ca.pem"));
		assertThat(configMaps).anySatisfy((data) -> assertThat(String.valueOf(data.get("ca.pem")).strip()).isEqualTo(pem));
		assertThat(list(chart.container(), "volumeMounts"))
			.anySatisfy((mount) -> assertThat(mount).containsEntry("mountPath", "/etc/ftp-gateway/tls"));
	}

	@Test
	void demoModeIsOpenToAllWhileABackendNeedsAnAuthenticationMode() {
		assertThat(map(render(Map.of()).get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SECURITY_ANONYMOUS_ENABLED", "true")
			.containsEntry("FTP_GATEWAY_SECURITY_ANONYMOUS_SCOPES", "read,write,delete");
		assertThat(map(render(Map.of("ftp.host", "ftp.example.org")).get("ConfigMap"), "data"))
			.containsEntry("FTP_GATEWAY_SECURITY_ANONYMOUS_ENABLED", "false");
		assertThat(notes(Map.of("ftp.host", "ftp.example.org"))).contains("refuses to start");
		String hash = "{sha256}" + "0".repeat(64);
		RenderedChart withKey = render(Map.of("ftp.host", "ftp.example.org", "security.apiKeys[0].name", "apps",
				"security.apiKeys[0].hash", hash, "security.apiKeys[0].scopes", "read"));
		assertThat(withKey.text()).doesNotContain(hash);
		assertThat(withKey.find("Secret")).isPresent();
		assertThat(notes(Map.of("ftp.host", "ftp.example.org", "security.passThrough.enabled", "true")))
			.doesNotContain("refuses to start");
	}

	@Test
	void demoModeKeepsTheEmbeddedServersFolderOnTheWritableTmp() {
		Map<String, Object> data = map(render(Map.of()).get("ConfigMap"), "data");
		assertThat(data).doesNotContainKey("FTP_GATEWAY_SERVER_HOST");
		assertThat((String) data.get("FTP_GATEWAY_EMBEDDED_FOLDER")).startsWith("/tmp/");
	}

	@Test
	void everyServerPoolTransferUploadsAndArchivePropertyHasAVariableInTheChart() throws Exception {
		Set<String> variables = new TreeSet<>();
		for (String group : List.of("server", "pool", "transfer", "uploads", "archive")) {
			collectVariables(FtpGatewayProperties.class.getMethod(getter(group)).getReturnType(),
					"FTP_GATEWAY_" + snake(group) + "_", variables);
		}
		Set<String> rendered = new TreeSet<>(map(render(Map.of("ftp.host", "ftp.example.org", "shares.existingSecret",
				"ops-shares")).get("ConfigMap"), "data").keySet());
		assertThat(rendered).containsAll(variables);
		Set<String> known = new TreeSet<>(variables);
		known.addAll(SET_OUTSIDE_THE_CONFIGMAP);
		known.add("FTP_GATEWAY_EMBEDDED_FOLDER");
		collectVariables(FtpGatewaySecurityProperties.class, "FTP_GATEWAY_SECURITY_", known);
		collectVariables(FtpGatewayProperties.Shares.class, "FTP_GATEWAY_SHARES_", known);
		assertThat(rendered.stream().filter((name) -> name.startsWith("FTP_GATEWAY_")))
			.as("no variable the application would ignore")
			.allMatch(known::contains);
	}

	@Test
	void namedServersBecomeTheirVariablesWithPasswordsFromTheirOwnSecrets() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("servers.partner-a.host", "ftp.partner-a.example");
		values.put("servers.partner-a.user", "exchange");
		values.put("servers.partner-a.existingSecret", "partner-a-ftp");
		values.put("servers.partner-a.existingSecretPasswordKey", "ftpPassword");
		values.put("servers.partner-a.tls.mode", "explicit");
		values.put("servers.partner-a.tls.protocols", "TLSv1.2");
		values.put("servers.partner-a.pool.maxTotal", 4);
		values.put("servers.legacy.host", "mainframe.internal");
		values.put("servers.legacy.charset", "ISO-8859-1");
		values.put("servers.legacy.useMlsd", false);
		values.put("servers.legacy.existingSecret", "legacy-ftp");
		values.put("defaultServer", "partner-a");
		values.put("security.apiKeys[0].name", "partner-a-only");
		values.put("security.apiKeys[0].hash", "{sha256}" + "0".repeat(64));
		values.put("security.apiKeys[0].scopes", "read");
		values.put("security.apiKeys[0].servers", "partner-a");
		RenderedChart chart = render(values);
		Map<String, Object> data = map(chart.get("ConfigMap"), "data");
		assertThat(data).containsEntry("FTP_GATEWAY_SERVERS_PARTNER_A_HOST", "ftp.partner-a.example")
			.containsEntry("FTP_GATEWAY_SERVERS_PARTNER_A_USER", "exchange")
			.containsEntry("FTP_GATEWAY_SERVERS_PARTNER_A_TLS_MODE", "explicit")
			.containsEntry("FTP_GATEWAY_SERVERS_PARTNER_A_TLS_PROTOCOLS", "TLSv1.2")
			.containsEntry("FTP_GATEWAY_SERVERS_PARTNER_A_POOL_MAX_TOTAL", "4")
			.containsEntry("FTP_GATEWAY_SERVERS_LEGACY_HOST", "mainframe.internal")
			.containsEntry("FTP_GATEWAY_SERVERS_LEGACY_CHARSET", "ISO-8859-1")
			.containsEntry("FTP_GATEWAY_SERVERS_LEGACY_USE_MLSD", "false")
			.containsEntry("FTP_GATEWAY_DEFAULT_SERVER", "partner-a")
			.as("named servers are no demo").containsEntry("FTP_GATEWAY_SECURITY_ANONYMOUS_ENABLED", "false")
			.doesNotContainKeys("FTP_GATEWAY_SERVER_HOST", "FTP_GATEWAY_EMBEDDED_FOLDER");
		assertThat(data.keySet()).noneMatch((key) -> key.contains("PASSWORD") || key.contains("SECRET"));
		assertThat(chart.objects()).filteredOn((object) -> "Secret".equals(object.get("kind")))
			.singleElement()
			.satisfies((secret) -> assertThat(map(secret, "data")).containsKey("FTP_GATEWAY_SECURITY_API_KEYS_0_SERVERS"));
		assertThat(secretRef(chart, "FTP_GATEWAY_SERVERS_PARTNER_A_PASSWORD")).containsEntry("name", "partner-a-ftp")
			.containsEntry("key", "ftpPassword");
		assertThat(secretRef(chart, "FTP_GATEWAY_SERVERS_LEGACY_PASSWORD")).containsEntry("name", "legacy-ftp")
			.containsEntry("key", "password");
		assertThat(notes(values)).contains("Below /servers/partner-a/files/: ftp://exchange@ftp.partner-a.example:21/")
			.doesNotContain("DEMO MODE");
	}

	@Test
	void everyKeyTheSchemaAllowsForAServerIsASettingOfTheApplication() throws Exception {
		Map<String, Object> schema = map(new Yaml().load(Files.readString(CHART.resolve("values.schema.json"))),
				"properties.servers.additionalProperties.properties");
		Map<String, Object> values = new LinkedHashMap<>();
		sampleValues(schema, "servers.every-key.", values);
		RenderedChart chart = render(values);
		Map<String, Object> settings = chart.objects()
			.stream()
			.filter((object) -> "gw-ftp-gateway".equals(at(object, "metadata.name")) && "ConfigMap".equals(object.get("kind")))
			.findFirst()
			.map((configMap) -> map(configMap, "data"))
			.orElseThrow();
		Set<String> rendered = new TreeSet<>(settings.keySet());
		rendered.removeIf((name) -> !name.startsWith("FTP_GATEWAY_SERVERS_"));
		Set<String> known = new TreeSet<>();
		collectVariables(FtpGatewayProperties.NamedServer.class, "FTP_GATEWAY_SERVERS_EVERY_KEY_", known, true);
		assertThat(rendered).as("every key set").hasSizeGreaterThan(20).allMatch(known::contains);
		assertThat(secretRef(chart, "FTP_GATEWAY_SERVERS_EVERY_KEY_PASSWORD")).containsEntry("name", "x");
		assertThat(list(chart.container(), "volumeMounts"))
			.anySatisfy((mount) -> assertThat(mount).containsEntry("mountPath", "/etc/ftp-gateway/tls"));
		assertThat(chart.objects()).filteredOn((object) -> "ConfigMap".equals(object.get("kind")))
			.anySatisfy((configMap) -> assertThat(map(configMap, "data")).containsKey("servers-every-key.pem"));
		assertThat(settings).containsEntry("FTP_GATEWAY_SERVERS_EVERY_KEY_TLS_CA_BUNDLE",
				"/etc/ftp-gateway/tls/servers-every-key.pem");
	}

	@Test
	void schemaRefusesServersTheApplicationWouldRefuse() {
		assertThatThrownBy(() -> render(Map.of("servers.Partner_A.host", "ftp.example.org")))
			.hasMessageContaining("Partner_A");
		assertThatThrownBy(() -> render(Map.of("servers.partner-a.port", 2121))).hasMessageContaining("host");
		assertThatThrownBy(() -> render(Map.of("servers.partner-a.host", "h", "servers.partner-a.password", PASSWORD)))
			.as("a password only from an existing Secret")
			.hasMessageContaining("password");
	}

	/** A value of the right type for each key of a schema's properties, nested objects included. */
	@SuppressWarnings("unchecked")
	private static void sampleValues(Map<String, Object> properties, String prefix, Map<String, Object> values) {
		properties.forEach((key, value) -> {
			Map<String, Object> property = (Map<String, Object>) value;
			Object type = property.get("type");
			if ("object".equals(type)) {
				sampleValues(map(property, "properties"), prefix + key + ".", values);
			}
			else if (property.containsKey("enum")) {
				values.put(prefix + key, ((List<Object>) property.get("enum")).get(1));
			}
			else if ("integer".equals(type)) {
				values.put(prefix + key, 3);
			}
			else if ("boolean".equals(type)) {
				values.put(prefix + key, true);
			}
			else {
				String pattern = String.valueOf(property.get("pattern"));
				values.put(prefix + key, pattern.startsWith("^/") ? "/out" : pattern.contains("ms|s") ? "10s" : "x");
			}
		});
	}

	@Test
	void notesGiveACurlToTryAndTheConnectionBudget() {
		String notes = notes(Map.of("replicaCount", 3, "pool.maxTotal", 10));
		assertThat(notes).contains("port-forward").contains("curl http://localhost:8080/files/");
		assertThat(notes).contains("replicas x pool.maxTotal = 3 x 10 = 30");
		String autoscaled = notes(Map.of("autoscaling.enabled", true, "autoscaling.maxReplicas", 5, "pool.maxTotal", 4));
		assertThat(autoscaled).contains("autoscaling.maxReplicas x pool.maxTotal = 5 x 4 = 20");
	}

	@Test
	void everyOptionOnRendersValidManifests() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("ftp.host", "ftp.example.org");
		values.put("ftp.password", PASSWORD);
		values.put("ingress.enabled", true);
		values.put("ingress.className", "nginx");
		values.put("ingress.tls[0].secretName", "gw-tls");
		values.put("ingress.tls[0].hosts[0]", "ftp-gateway.example.com");
		values.put("autoscaling.enabled", true);
		values.put("podDisruptionBudget.enabled", true);
		values.put("serviceMonitor.enabled", true);
		values.put("serviceMonitor.labels.release", "prometheus");
		values.put("networkPolicy.enabled", true);
		values.put("networkPolicy.ingressFrom[0].podSelector.matchLabels.role", "frontend");
		values.put("networkPolicy.egress.enabled", true);
		values.put("networkPolicy.egress.ftpServer[0].ipBlock.cidr", "203.0.113.10/32");
		values.put("podAnnotations.team", "files");
		values.put("imagePullSecrets[0].name", "regcred");
		values.put("nodeSelector.disktype", "ssd");
		values.put("shares.existingSecret", "ops-shares");
		values.put("security.existingSecret", "gw-auth");
		values.put("ftp.tls.mode", "explicit");
		values.put("ftp.tls.trustStore.existingSecret", "ftp-trust");
		values.put("ftp.tls.clientKeyStore.existingSecret", "ftp-client");
		values.put("serviceMonitor.apiKeySecret.name", "prometheus-key");
		values.put("topologySpreadConstraints[0].maxSkew", 1);
		values.put("topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone");
		values.put("topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway");
		values.put("extraEnvFrom[0].configMapRef.name", "more-settings");
		RenderedChart chart = render(values);
		assertThat(chart.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Secret", "Service",
				"Deployment", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor",
				"NetworkPolicy");
		assertStandardLabels(chart);
		assertThat(list(chart.get("NetworkPolicy"), "spec.egress")).hasSize(2);
		assertThat(at(list(chart.get("Ingress"), "spec.rules").get(0), "http.paths"))
			.asList()
			.singleElement()
			.satisfies((path) -> assertThat(at(path, "backend.service.port.name")).isEqualTo("http"));
	}

	@Test
	void everyOptionOffRendersValidManifests() {
		RenderedChart chart = render(Map.of("serviceAccount.create", false, "startupProbe.enabled", false,
				"shutdown.preStopSleepSeconds", 0));
		assertThat(chart.kinds()).containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment");
		assertThat(chart.container()).doesNotContainKeys("startupProbe", "lifecycle");
		assertThat(at(chart.get("Deployment"), "spec.template.spec.serviceAccountName")).isEqualTo("default");
	}

	@Test
	void egressPolicyWithoutTheFtpServerIsRefused() {
		assertThatThrownBy(() -> render(Map.of("ftp.host", "ftp.example.org", "networkPolicy.enabled", true,
				"networkPolicy.egress.enabled", true)))
			.hasMessageContaining("networkPolicy.egress.ftpServer");
	}

	@Test
	void schemaRejectsMisspelledAndMistypedValues() {
		assertThatThrownBy(() -> render(Map.of("pool.maxTotl", 4))).hasMessageContaining("maxTotl");
		assertThatThrownBy(() -> render(Map.of("pool.maxTotal", 0))).hasMessageContaining("maxTotal");
		assertThatThrownBy(() -> render(Map.of("ftp.connectTimeout", "ten seconds")))
			.hasMessageContaining("connectTimeout");
	}

	private static RenderedChart render(Map<String, Object> values) {
		TemplateCommand template = HELM.template().withName("gw").withNamespace("files");
		values.forEach(template::set);
		return RenderedChart.parse(template.call());
	}

	/** NOTES.txt is not part of {@code helm template}; a client-only dry-run install renders it. */
	private static String notes(Map<String, Object> values) {
		var install = HELM.install().withName("gw").withNamespace("files").clientOnly().withDryRunOption(DryRun.CLIENT);
		values.forEach(install::set);
		return install.call().getOutput();
	}

	private static void assertStandardLabels(RenderedChart chart) {
		for (Map<String, Object> object : chart.objects()) {
			assertThat(map(object, "metadata.labels")).as("labels of %s", object.get("kind"))
				.containsEntry("app.kubernetes.io/name", "ftp-gateway")
				.containsEntry("app.kubernetes.io/instance", "gw")
				.containsEntry("app.kubernetes.io/managed-by", "Helm")
				.containsEntry("app.kubernetes.io/version", appVersion())
				.containsKey("helm.sh/chart");
		}
	}

	private static Map<String, Object> podChecksums(RenderedChart chart) {
		Map<String, Object> checksums = new TreeMap<>(
				map(chart.get("Deployment"), "spec.template.metadata.annotations"));
		checksums.keySet().removeIf((name) -> !name.startsWith("checksum/"));
		return checksums;
	}

	/** The data of each ConfigMap and Secret, by kind and name. */
	private static Map<String, Object> configObjects(RenderedChart chart) {
		Map<String, Object> objects = new TreeMap<>();
		for (Map<String, Object> object : chart.objects()) {
			if (List.of("ConfigMap", "Secret").contains(object.get("kind"))) {
				objects.put(object.get("kind") + "/" + at(object, "metadata.name"), object.get("data"));
			}
		}
		return objects;
	}

	private static Set<String> changedConfigObjects(RenderedChart before, RenderedChart after) {
		Map<String, Object> old = configObjects(before);
		Set<String> changed = new TreeSet<>();
		configObjects(after).forEach((name, data) -> {
			if (!data.equals(old.get(name))) {
				changed.add(name);
			}
		});
		return changed;
	}

	private static Map<String, Object> passwordSecretRef(RenderedChart chart) {
		return secretRef(chart, "FTP_GATEWAY_SERVER_PASSWORD");
	}

	private static Map<String, Object> secretRef(RenderedChart chart, String variable) {
		List<Map<String, Object>> env = list(chart.container(), "env");
		Map<String, Object> password = env.stream()
			.filter((entry) -> variable.equals(entry.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + variable + " in " + env));
		assertThat(password).doesNotContainKey("value");
		return map(password, "valueFrom.secretKeyRef");
	}

	@SuppressWarnings("unchecked")
	private static List<String> preStopCommand(RenderedChart chart) {
		return (List<String>) at(chart.container(), "lifecycle.preStop.exec.command");
	}

	private static String appVersion() {
		try {
			Map<String, Object> chart = new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
			return String.valueOf(chart.get("appVersion"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> applicationYaml() {
		// application.yaml arrives with the gateway branch; until then the cross-check waits for it.
		assumeThat(APPLICATION_YAML).as("application.yaml on this branch").exists();
		try {
			return new Yaml().load(Files.readString(APPLICATION_YAML));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Settings that name files or hold secrets: a trust store or client key store has to be
	 * mounted by the operator (extraEnv plus their own volume), the CA bundle is set only with
	 * ftp.tls.caBundle, and passwords belong in Secrets.
	 */
	private static final Set<String> SET_OUTSIDE_THE_CONFIGMAP = Set.of("FTP_GATEWAY_SERVER_PASSWORD",
			"FTP_GATEWAY_SERVER_TLS_TRUST_STORE", "FTP_GATEWAY_SERVER_TLS_TRUST_STORE_PASSWORD",
			"FTP_GATEWAY_SERVER_TLS_CLIENT_KEY_STORE", "FTP_GATEWAY_SERVER_TLS_CLIENT_KEY_STORE_PASSWORD",
			"FTP_GATEWAY_SERVER_TLS_CA_BUNDLE");

	/** The environment variable of each bean property of a properties group, nested groups included. */
	private static void collectVariables(Class<?> group, String prefix, Set<String> variables) {
		collectVariables(group, prefix, variables, false);
	}

	/**
	 * The environment variable of each bean property of a properties group, nested groups
	 * included; with {@code secretsToo}, also those the chart sets outside the ConfigMap.
	 */
	private static void collectVariables(Class<?> group, String prefix, Set<String> variables, boolean secretsToo) {
		for (Method method : group.getMethods()) {
			// Inherited getters count: the pool group shares its settings with each named server's.
			boolean getter = method.getParameterCount() == 0 && method.getDeclaringClass() != Object.class
					&& !Modifier.isStatic(method.getModifiers())
					&& (method.getName().startsWith("get") || method.getName().startsWith("is"));
			if (getter) {
				String variable = prefix + snake(method.getName().replaceFirst("^(get|is)", ""));
				if (isGroup(method.getReturnType())) {
					collectVariables(method.getReturnType(), variable + "_", variables, secretsToo);
				}
				else if (secretsToo || !SET_OUTSIDE_THE_CONFIGMAP.contains(variable)) {
					variables.add(variable);
				}
			}
		}
	}

	/** A nested group of settings: a class declared, at any depth, inside a properties class. */
	private static boolean isGroup(Class<?> type) {
		Class<?> outer = type.getDeclaringClass();
		while (outer != null && outer.getDeclaringClass() != null) {
			outer = outer.getDeclaringClass();
		}
		return outer == FtpGatewayProperties.class || outer == FtpGatewaySecurityProperties.class;
	}

	private static String getter(String property) {
		return "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
	}

	/** connectTimeout and ConnectTimeout both become CONNECT_TIMEOUT, as relaxed binding expects. */
	private static String snake(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
