package io.jenkins.plugins.grayrelease.cli;

import io.jenkins.plugins.grayrelease.core.rollout.plan.PlanParser;
import io.jenkins.plugins.grayrelease.core.testing.DocPages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Whether a documented code block is exercised, and what is wrong with it. A block is exercised when
 * <ul>
 * <li>the comment above it names test classes that read its page ({@code <!-- tested-by: ReadmeJenkinsfileTest -->});</li>
 * <li>the comment above it names a test that asserts some of the text it shows ({@code <!-- shown-by: JudgementTest -->}:
 * a string literal of that class, 12 characters or more, occurs in the block);</li>
 * <li>it is a rollout plan or a list of plan steps, which {@link PlanParser} reads here;</li>
 * <li>it holds command lines, each checked here: grayctl's command and options exist (picocli's own model), a
 * script run with {@code bash} exists, Maven's modules and profiles exist, a Java class named exists.</li>
 * </ul>
 */
final class DocBlockChecks {

    /** What the checks found: whether anything exercises the block, and each problem in a sentence. */
    record Verdict(boolean exercised, List<String> problems) {
    }

    private static final Pattern MARKER = Pattern.compile("<!--\\s*(tested-by|shown-by):\\s*([\\w, ]+?)\\s*-->");
    private static final Pattern STEP = Pattern.compile(
            "^\\s*- (setWeight|pause|approval|analysis|testers|mirror|setCanaryScale):.*");
    private static final Pattern CLASS_NAME = Pattern.compile("io\\.jenkins\\.plugins\\.grayrelease(\\.\\w+)+");
    private static final List<String> MODULES = List.of("sandbox", "core", "cli", "plugin");

    private final Map<String, Path> sources = new HashMap<>();
    private final CommandLine grayctl;

    DocBlockChecks() {
        Path root = DocPages.root();
        for (String module : MODULES) {
            for (String set : List.of("main", "test")) {
                Path dir = root.resolve(module).resolve("src").resolve(set).resolve("java");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(f -> f.toString().endsWith(".java"))
                            .forEach(f -> sources.put(dir.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""), f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        grayctl = GrayCtl.commandLine(new Terminal(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false));
    }

    Verdict check(DocPages.Block block) {
        List<String> problems = new ArrayList<>();
        boolean exercised = false;
        Matcher marker = MARKER.matcher(block.marker());
        if (marker.matches()) {
            exercised = true;
            checkMarker(block, marker.group(1), List.of(marker.group(2).split("\\s*,\\s*")), problems);
        } else if (!block.marker().isEmpty()) {
            problems.add(block + ": the comment above it is neither tested-by nor shown-by: " + block.marker());
        }
        if (isPlan(block)) {
            exercised = true;
            checkPlan(block, problems);
        }
        List<String> commands = commandLines(block);
        if (!commands.isEmpty()) {
            exercised = true;
            boolean named = marker.matches();
            commands.forEach(command -> checkCommand(block, command, named, problems));
        }
        return new Verdict(exercised, problems);
    }

    private void checkMarker(DocPages.Block block, String kind, List<String> classes, List<String> problems) {
        boolean readsPage = false;
        boolean assertsText = false;
        for (String simpleName : classes) {
            List<Path> found = sources.entrySet().stream().filter(e -> e.getKey().endsWith("." + simpleName))
                    .map(Map.Entry::getValue).toList();
            if (found.isEmpty()) {
                problems.add(block + ": " + kind + " names " + simpleName + ", and no such class exists");
                continue;
            }
            String source = read(found.get(0));
            String fileName = Path.of(block.page()).getFileName().toString();
            readsPage |= source.contains("\"" + block.page() + "\"") || source.contains("\"" + fileName + "\"");
            assertsText |= stringLiterals(source).stream().filter(s -> s.length() >= 12).anyMatch(block.text()::contains);
            // A sketch of a test shows code: one of its lines, as the class has it.
            assertsText |= block.text().lines().map(l -> l.replaceAll("//.*$", "").strip()).filter(l -> l.length() >= 20)
                    .anyMatch(source::contains);
        }
        if (kind.equals("tested-by") && !readsPage) {
            problems.add(block + ": none of " + classes + " reads \"" + block.page() + "\"");
        }
        if (kind.equals("shown-by") && !assertsText) {
            problems.add(block + ": none of " + classes + " asserts any text this block shows");
        }
    }

    /** The string literals of a Java source (a text block's lines each), skipping comments and char literals. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                source.substring(i + 3, end).lines().map(String::strip).forEach(literals::add);
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i++);
                StringBuilder literal = new StringBuilder();
                while (i < source.length() && source.charAt(i) != quote) {
                    char c = source.charAt(i++);
                    if (c == '\\' && i < source.length()) {
                        char escaped = source.charAt(i++);
                        literal.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
                    } else {
                        literal.append(c);
                    }
                }
                i++;
                if (quote == '"') {
                    literals.add(literal.toString());
                }
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static boolean isPlan(DocPages.Block block) {
        return block.info().equals("yaml") && block.text().lines().anyMatch(l -> isWholePlanKey(l) || STEP.matcher(l).matches());
    }

    /** A top-level key only a whole plan has: a fleet plan has {@code waves:} where a plan of one target has {@code steps:}. */
    private static boolean isWholePlanKey(String line) {
        return line.equals("steps:") || line.equals("waves:");
    }

    private static void checkPlan(DocPages.Block block, List<String> problems) {
        String yaml = block.text().lines().anyMatch(DocBlockChecks::isWholePlanKey) ? block.text()
                : "target: {namespace: shop, service: reviews, stable: v1, canary: v2}\nprometheus: {url: 'http://127.0.0.1:9090'}\nsteps:\n"
                        + block.text();
        try {
            new PlanParser().parse(yaml, block.page());
        } catch (RuntimeException e) {
            problems.add(block + ": not a valid rollout plan: " + e.getMessage());
        }
    }

    /** The block's command lines: every line of a shell block, the '$ ' lines and grayctl lines of a transcript. */
    private static List<String> commandLines(DocPages.Block block) {
        boolean shell = List.of("bash", "sh", "shell").contains(block.info());
        List<String> commands = new ArrayList<>();
        StringBuilder continued = new StringBuilder();
        for (String raw : block.text().split("\n")) {
            String line = raw.strip();
            if (continued.length() > 0) {
                continued.append(' ').append(line);
            } else if (line.startsWith("$ ")) {
                continued.append(line.substring(2));
            } else if (line.startsWith("./grayctl ") || line.startsWith("grayctl ") || shell && !line.isEmpty() && !line.startsWith("#")) {
                continued.append(line);
            } else {
                continue;
            }
            if (continued.toString().endsWith("\\")) {
                continued.setLength(continued.length() - 1);
                continue;
            }
            commands.add(continued.toString().replaceAll("\\s+#.*$", "").strip());
            continued.setLength(0);
        }
        return commands;
    }

    /** Checks what can be checked here; other commands need the test named above the block ({@code named}). */
    private void checkCommand(DocPages.Block block, String line, boolean named, List<String> problems) {
        for (String segment : line.split("&&|;")) {
            List<String> words = List.of(segment.strip().split("\\s+"));
            String program = words.get(0);
            String problem = switch (program) {
                case "grayctl", "./grayctl" -> grayctlProblem(words.subList(1, words.size()));
                case "mvn" -> mavenProblem(words);
                case "bash" -> Files.isRegularFile(DocPages.root().resolve(words.get(1))) ? null : "no script " + words.get(1);
                case "java" -> classProblem(segment);
                default -> named ? null : "a command this test cannot check, and no test is named above the block: " + program;
            };
            if (problem == null && !program.endsWith("grayctl")) {
                problem = classProblem(segment);
            }
            if (problem != null) {
                problems.add(block + ": `" + segment.strip() + "`: " + problem);
            }
        }
    }

    /** Null when grayctl knows the command and every option of {@code args}, else what it does not know. */
    String grayctlProblem(List<String> args) {
        CommandSpec spec = grayctl.getCommandSpec();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            OptionSpec option = spec.findOption(optionName(args.get(i)));
            if (option == null) {
                return "grayctl has no global option " + optionName(args.get(i));
            }
            i += option.arity().max() > 0 && !args.get(i).contains("=") ? 2 : 1;
        }
        if (i >= args.size()) {
            return null;
        }
        CommandLine command = grayctl.getSubcommands().get(args.get(i));
        if (command == null) {
            return "grayctl has no command '" + args.get(i) + "'";
        }
        for (String arg : args.subList(i + 1, args.size())) {
            if (arg.startsWith("-") && arg.length() > 1 && !arg.matches("-\\d.*")
                    && command.getCommandSpec().findOption(optionName(arg)) == null) {
                return "grayctl " + args.get(i) + " has no option " + optionName(arg);
            }
        }
        return null;
    }

    private static String optionName(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    private static String mavenProblem(List<String> words) {
        String pom = read(DocPages.root().resolve("pom.xml"));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-pl") && i + 1 < words.size()) {
                for (String module : words.get(i + 1).split(",")) {
                    if (!Files.isRegularFile(DocPages.root().resolve(module).resolve("pom.xml"))) {
                        return "no Maven module " + module;
                    }
                }
            } else if (word.startsWith("-P") && !pom.contains("<id>" + word.substring(2) + "</id>")) {
                return "no Maven profile " + word.substring(2);
            }
        }
        return null;
    }

    private String classProblem(String segment) {
        Matcher name = CLASS_NAME.matcher(segment);
        while (name.find()) {
            if (!sources.containsKey(name.group())) {
                return "no class " + name.group();
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
