/// The small CommonJS project the migration tests start from: `require`, `module.exports` and
/// JSDoc types in three files, and a package.json.
public enum TinyCommonJSProject {
    public static let math = """
        /**
         * Adds two numbers.
         * @param {number} a
         * @param {number} b
         * @returns {number}
         */
        function add(a, b) {
          return a + b
        }

        module.exports = { add }

        """
    public static let greet = """
        const { add } = require('./math')

        /**
         * @param {string} name
         * @returns {string}
         */
        function greet(name) {
          return 'hello ' + name + ' ' + add(1, 2)
        }

        module.exports = greet

        """
    public static let index = "const greet = require('./lib/greet')\n\nconsole.log(greet('world'))\n"
    public static let package = "{\n  \"name\": \"tiny\",\n  \"version\": \"1.0.0\",\n  \"main\": \"index.js\"\n}\n"

    /// The files by path, in the order they are written.
    public static let files: [(path: String, text: String)] = [
        ("lib/math.js", math), ("lib/greet.js", greet), ("index.js", index), ("package.json", package),
    ]
}
