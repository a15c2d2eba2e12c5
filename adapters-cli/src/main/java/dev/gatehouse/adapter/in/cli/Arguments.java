package dev.gatehouse.adapter.in.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A subcommand's arguments, parsed against its {@link CommandSyntax}: the operands in order, option values, flags. */
record Arguments(List<String> operands, Map<String, String> options, Set<String> flags) {

    Arguments {
        operands = List.copyOf(operands);
        options = Map.copyOf(options);
        flags = Set.copyOf(flags);
    }

    String operand(int index) {
        return operands.get(index);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
