package io.swapdesk.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries between SwapDesk's modules hold, and the rules that say so do fail when one is crossed. */
class ModuleBoundariesTest {

    @Test
    void swapDeskModulesRespectTheirBoundaries() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.swapdesk");

        assertThat(production.size()).as("classes of all modules on the classpath").isGreaterThan(20);
        new ModuleRules("io.swapdesk").check(production);
    }

    @Test
    void importingAnotherModulesInternalsFails() {
        ModuleRules rules = new ModuleRules("archfixtures.internalaccess");

        assertThatThrownBy(() -> rules.noModuleReachesIntoAnotherModulesInternals().check(fixtures("internalaccess")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixtures.internalaccess.beta.internal.BetaSecret");
    }

    @Test
    void aCycleBetweenModulesFails() {
        ModuleRules rules = new ModuleRules("archfixtures.cycle");

        assertThatThrownBy(() -> rules.modulesFormNoCycle().check(fixtures("cycle")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle");
    }

    @Test
    void anEntityReferringToAnotherModulesEntityFails() {
        ModuleRules rules = new ModuleRules("archfixtures.entityref");

        assertThatThrownBy(() -> rules.entitiesStayInTheirModule().check(fixtures("entityref")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("BetaEntity");
    }

    @Test
    void modulesThatTalkThroughTheirApisPass() {
        new ModuleRules("archfixtures.clean").check(fixtures("clean"));
    }

    private static JavaClasses fixtures(String name) {
        return new ClassFileImporter().importPackages("archfixtures." + name);
    }
}
