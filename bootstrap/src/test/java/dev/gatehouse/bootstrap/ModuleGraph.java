package dev.gatehouse.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build's modules and what each one's main code depends on among them, read from the POMs (test-scoped
 * dependencies left out), and drawn as the Mermaid graph docs/architecture.md shows.
 */
record ModuleGraph(Map<String, List<String>> dependencies) {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern OURS = Pattern.compile("<artifactId>gatehouse-([^<]+)</artifactId>");

    /** The modules in the root POM's order, each with the modules its main code uses, in its POM's order. */
    static ModuleGraph of(Path root) {
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        Matcher module = MODULE.matcher(DocumentedNames.read(root.resolve("pom.xml")));
        while (module.find()) {
            String name = module.group(1);
            List<String> uses = new ArrayList<>();
            Matcher dependency = DEPENDENCY.matcher(DocumentedNames.read(root.resolve(name).resolve("pom.xml")));
            while (dependency.find()) {
                String declared = dependency.group(1);
                Matcher ours = OURS.matcher(declared);
                if (ours.find() && !declared.contains("<scope>test</scope>") && !uses.contains(ours.group(1))) {
                    uses.add(ours.group(1));
                }
            }
            dependencies.put(name, uses);
        }
        return new ModuleGraph(dependencies);
    }

    /** A bottom-up Mermaid flowchart: one node per module, an arrow from each module to each it uses. */
    String mermaid() {
        StringBuilder graph = new StringBuilder("```mermaid\nflowchart BT\n");
        dependencies.forEach((module, uses) -> {
            if (uses.isEmpty()) {
                graph.append("    ").append(node(module)).append('\n');
            }
            uses.forEach(used -> graph.append("    ").append(node(module)).append(" --> ").append(node(used)).append('\n'));
        });
        return graph.append("```").toString();
    }

    private static String node(String module) {
        return module.replace('-', '_') + "[" + module + "]";
    }
}
