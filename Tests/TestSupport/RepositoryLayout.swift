import Basics

/// Paths inside this repository and its build products, for tests.
public enum RepositoryLayout {
    /// The repository root, found from this source file's location (Tests/TestSupport/…).
    public static var root: String {
        let thisFile = #filePath
        return FileSystem.parent(of: FileSystem.parent(of: FileSystem.parent(of: thisFile)))
    }

    /// `Tests/Fixtures/<relative>`: checkpoints, references and cases copied from ../shared/fixtures.
    public static func fixture(_ relative: String) -> String {
        self.root + "/Tests/Fixtures/" + relative
    }

    /// The bundled tiny checkpoint, `Models/deepseek-v4-tiny`.
    public static var tinyModel: String {
        self.root + "/Models/deepseek-v4-tiny"
    }

    /// The directory holding the test runner, which is also where `swift build` put the executables.
    public static var productsDirectory: String {
        if let override = ProcessEnvironment.current["SEAM_PRODUCTS_DIR"], !override.isEmpty { return override }
        guard let executable = FileSystem.executablePath() else { return self.root + "/.build/debug" }
        // The runner is `<products>/SeamPackageTests.xctest` (a file on Linux) or inside a bundle.
        var directory = FileSystem.parent(of: executable)
        while !directory.isEmpty && directory != "/" {
            if FileSystem.exists(directory + "/seam-engine") { return directory }
            directory = FileSystem.parent(of: directory)
        }
        return FileSystem.parent(of: executable)
    }

    /// The path of a built executable product (`seam`, `seam-engine`).
    public static func product(_ name: String) -> String {
        self.productsDirectory + "/" + name
    }
}
