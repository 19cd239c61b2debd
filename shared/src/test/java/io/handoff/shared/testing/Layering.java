package io.handoff.shared.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering rules every module keeps, for its own {@code LayeringTest}. */
public final class Layering {

    private Layering() {
    }

    /** A module's own compiled classes under {@code root}: no tests, no jars. */
    public static JavaClasses mainClasses(String root) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(root);
    }

    /**
     * No package under {@code root} depends on one that depends back on it, by any path; and none depends on
     * {@code root} itself, where only the wiring lives.
     */
    public static void assertNoCycles(String root, JavaClasses classes) {
        slices().matching(root + ".(**)").should().beFreeOfCycles().check(classes);
        noClasses().that().resideOutsideOfPackage(root).should().dependOnClassesThat().resideInAPackage(root)
                .because("the root package wires the module together; its parts do not reach back into it")
                .allowEmptyShould(true).check(classes);
    }
}
