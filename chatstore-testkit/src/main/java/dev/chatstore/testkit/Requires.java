package dev.chatstore.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capabilities a rule needs declared ({@link #value()}) and the ones it needs not declared
 * ({@link #absent()}), in the manner of Guava testlib's {@code @MapFeature.Require(value = …, absent = …)}.
 * {@link ChatStoreConformance} evaluates it before each rule: when the store under test declares
 * (in {@link ChatStoreConformance#capabilities()}) a capability the rule needs absent, or lacks one
 * it needs, the rule is skipped with a reason naming that capability — never passed.
 *
 * <p>Every optional capability has rules in pairs: {@code @Requires(Capability.REOPEN)} checks the
 * store that has it, {@code @Requires(absent = Capability.REOPEN)} checks what a store without it
 * must still do. So each implementation runs one rule of every pair and skips the other, and all
 * report the same number of tests.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    /** Capabilities the store under test must declare for the rule to run. */
    Capability[] value() default {};

    /** Capabilities the store under test must not declare for the rule to run. */
    Capability[] absent() default {};
}
