package dev.ftpgateway.ship;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests of one {@code helm template} run, parsed into plain maps, with lookups by kind
 * and by path. Parsing them (rather than searching the text) is what proves they are valid YAML.
 */
final class RenderedChart {

	private final String text;

	private final List<Map<String, Object>> objects;

	private RenderedChart(String text, List<Map<String, Object>> objects) {
		this.text = text;
		this.objects = objects;
	}

	@SuppressWarnings("unchecked")
	static RenderedChart parse(String text) {
		// SafeConstructor: the manifests are data and must not name Java types.
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : yaml.loadAll(text)) {
			if (document != null) {
				assertThat(document).as("every manifest is a mapping").isInstanceOf(Map.class);
				objects.add((Map<String, Object>) document);
			}
		}
		return new RenderedChart(text, objects);
	}

	String text() {
		return this.text;
	}

	List<Map<String, Object>> objects() {
		return this.objects;
	}

	List<String> kinds() {
		return this.objects.stream().map((object) -> (String) object.get("kind")).toList();
	}

	Optional<Map<String, Object>> find(String kind) {
		List<Map<String, Object>> found = this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
		assertThat(found).as("at most one %s", kind).hasSizeLessThanOrEqualTo(1);
		return found.stream().findFirst();
	}

	Map<String, Object> get(String kind) {
		return find(kind).orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds()));
	}

	/** The deployment's only container. */
	Map<String, Object> container() {
		List<Map<String, Object>> containers = list(get("Deployment"), "spec.template.spec.containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	/** The value at a dotted path of map keys, or null when a key is missing. */
	static Object at(Object node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node, String path) {
		Object value = at(node, path);
		assertThat(value).as(path).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object node, String path) {
		Object value = at(node, path);
		assertThat(value).as(path).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

}
