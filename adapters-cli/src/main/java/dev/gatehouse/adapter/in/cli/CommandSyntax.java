package dev.gatehouse.adapter.in.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a subcommand accepts: its operands, in order, and its options (flags, or options taking a value). */
record CommandSyntax(List<String> operands, List<Option> options) {

    /** An option {@code --name}; with a {@code valueName} it takes a value ({@code --name VALUE} or {@code --name=VALUE}). */
    record Option(String name, Optional<String> valueName) {

        Option {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(valueName, "valueName");
        }

        boolean takesValue() {
            return valueName.isPresent();
        }

        String usage() {
            return "--" + name + valueName.map(value -> " " + value).orElse("");
        }
    }

    CommandSyntax {
        operands = List.copyOf(operands);
        options = List.copyOf(options);
    }

    static CommandSyntax of(List<String> operands, Option... options) {
        return new CommandSyntax(operands, List.of(options));
    }

    static Option flag(String name) {
        return new Option(name, Optional.empty());
    }

    static Option valued(String name, String valueName) {
        return new Option(name, Optional.of(valueName));
    }

    Optional<Option> option(String name) {
        return options.stream().filter(option -> option.name().equals(name)).findFirst();
    }

    /** Such as {@code <username> [--admin] [--email E]}. */
    String usage() {
        return Stream.concat(operands.stream().map(operand -> "<" + operand + ">"),
                        options.stream().map(option -> "[" + option.usage() + "]"))
                .collect(Collectors.joining(" "));
    }
}
