import Basics

/// Where themes and keymaps are looked up: the user's directory (`~/.config/seam/themes`,
/// `~/.config/seam/keymaps`) first, then the installation's `Themes/` and `Keymaps/`.
package struct ResourceLocator: Sendable, Equatable {
    /// Directories searched for theme files, most specific first.
    package var themeDirectories: [String]
    /// Directories searched for keymap files, most specific first.
    package var keymapDirectories: [String]

    package init(themeDirectories: [String], keymapDirectories: [String]) {
        self.themeDirectories = themeDirectories
        self.keymapDirectories = keymapDirectories
    }

    /// The user's configuration directory, then the installation (when found).
    package static func standard(paths: Paths = Paths(), installation: Installation? = Installation.current()) -> ResourceLocator {
        var themes = [paths.configDirectory + "/themes"]
        var keymaps = [paths.configDirectory + "/keymaps"]
        if let installation {
            themes.append(installation.themesDirectory)
            keymaps.append(installation.keymapsDirectory)
        }
        return ResourceLocator(themeDirectories: themes, keymapDirectories: keymaps)
    }

    /// The file for theme `name`, skipping `excluding` (a file that inherits from its own name).
    package func themeFile(_ name: String, excluding: String? = nil) -> String? {
        Self.find(name, in: self.themeDirectories, excluding: excluding)
    }

    /// The file for keymap `name`, skipping `excluding`.
    package func keymapFile(_ name: String, excluding: String? = nil) -> String? {
        Self.find(name, in: self.keymapDirectories, excluding: excluding)
    }

    /// The theme names available, sorted.
    package var themeNames: [String] { Self.names(in: self.themeDirectories) }

    /// The keymap names available, sorted.
    package var keymapNames: [String] { Self.names(in: self.keymapDirectories) }

    private static func find(_ name: String, in directories: [String], excluding: String?) -> String? {
        guard Self.isValidName(name) else { return nil }
        for directory in directories {
            let candidate = directory + "/" + name + ".toml"
            if candidate != excluding && FileSystem.exists(candidate) && !FileSystem.isDirectory(candidate) {
                return candidate
            }
        }
        return nil
    }

    private static func names(in directories: [String]) -> [String] {
        var names = Set<String>()
        for directory in directories {
            for entry in DirectoryNames.list(directory) where entry.hasSuffix(".toml") {
                let name = String(entry.dropLast(5))
                if Self.isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// Names are file names without slashes or leading dots, so a setting cannot point elsewhere.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
    }
}
