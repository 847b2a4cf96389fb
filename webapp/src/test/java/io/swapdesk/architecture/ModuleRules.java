package io.swapdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The module boundaries of docs/architecture.md as rules, for any base package (so the rules themselves can be
 * shown to fail on deliberately broken fixtures). A module is the first package below the base.
 */
final class ModuleRules {

    /** A package named internal, or below one: not a package that merely starts with those letters. */
    private static final Pattern INTERNAL = Pattern.compile("(^|\\.)internal(\\.|$)");

    private final String base;

    ModuleRules(String base) {
        this.base = base;
    }

    List<ArchRule> all() {
        return List.of(noModuleReachesIntoAnotherModulesInternals(), modulesFormNoCycle(), entitiesStayInTheirModule());
    }

    /** A module's API is its base package; {@code .internal} is private to the module. */
    ArchRule noModuleReachesIntoAnotherModulesInternals() {
        return classes().should(new ArchCondition<JavaClass>("not depend on another module's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> targetModule = moduleOf(target);
                    if (targetModule.isPresent() && isInternal(target)
                            && !targetModule.equals(moduleOf(origin))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        }).allowEmptyShould(true);
    }

    ArchRule modulesFormNoCycle() {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /** Other modules' aggregates are referred to by id, never by an entity reference across schemas. */
    ArchRule entitiesStayInTheirModule() {
        return classes().that().areAnnotatedWith(Entity.class)
                .should(new ArchCondition<JavaClass>("not refer to an entity of another module") {
                    @Override
                    public void check(JavaClass entity, ConditionEvents events) {
                        entity.getDirectDependenciesFromSelf().forEach(dependency -> {
                            JavaClass target = dependency.getTargetClass();
                            if (target.isAnnotatedWith(Entity.class) && !moduleOf(target).equals(moduleOf(entity))) {
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                            }
                        });
                    }
                }).allowEmptyShould(true);
    }

    void check(JavaClasses classes) {
        all().forEach(rule -> rule.check(classes));
    }

    private Optional<String> moduleOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(base + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(base.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private boolean isInternal(JavaClass type) {
        return INTERNAL.matcher(type.getPackageName()).find();
    }

}
