package dev.duet.step;

import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A module declared as data: its name, its arguments and how they bind to a step. A step whose module is
 * only an argument list declares it in its own file ({@code DeclaredModule.named("copy").required("dest")
 * .optional("content", "src").binds(CopyStep::bind)}) instead of a second class repeating the same block.
 */
public record DeclaredModule(String name, Set<String> requiredArgs, Set<String> optionalArgs,
                             Function<Args, Step> binder, BiConsumer<Map<String, Object>, Args.Location> validator,
                             boolean pairWide) implements Module {
    public DeclaredModule {
        requiredArgs = Set.copyOf(requiredArgs);
        optionalArgs = Set.copyOf(optionalArgs);
    }

    public static DeclaredModule named(String name) {
        return new DeclaredModule(name, Set.of(), Set.of(), null, (raw, where) -> { }, false);
    }

    public DeclaredModule required(String... args) {
        return new DeclaredModule(name, Set.of(args), optionalArgs, binder, validator, pairWide);
    }

    public DeclaredModule optional(String... args) {
        return new DeclaredModule(name, requiredArgs, Set.of(args), binder, validator, pairWide);
    }

    /** Load-time validation of raw values (see {@link Module#validate}). */
    public DeclaredModule validates(BiConsumer<Map<String, Object>, Args.Location> check) {
        return new DeclaredModule(name, requiredArgs, optionalArgs, binder, check, pairWide);
    }

    public DeclaredModule binds(Function<Args, Step> bind) {
        return new DeclaredModule(name, requiredArgs, optionalArgs, bind, validator, pairWide);
    }

    @Override
    public Step bind(Args args) {
        return binder.apply(args);
    }

    @Override
    public void validate(Map<String, Object> rawArgs, Args.Location where) {
        validator.accept(rawArgs, where);
    }
}
