import Basics

/// A tool the model may call: the `function` object of an OpenAI tool, kept whole and in order,
/// because the prompt lists each tool as that object's JSON (`{"name", "description",
/// "parameters"}` plus whatever else the caller sent).
package struct ToolDefinition: Sendable, Hashable {
    /// The OpenAI `function` object.
    package var function: JSONValue

    /// A tool from its OpenAI `function` object (must hold a string `name` to be useful).
    package init(function: JSONValue) {
        self.function = function
    }

    /// A tool from its parts; the object is written as `name`, `description`, `parameters`.
    package init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        var members = [JSONValue.Member("name", .string(name))]
        if let description { members.append(JSONValue.Member("description", .string(description))) }
        if let parameters { members.append(JSONValue.Member("parameters", parameters)) }
        self.function = .object(members)
    }

    /// The tool's name ("" when the object has none).
    package var name: String { self.function["name"]?.stringValue ?? "" }
    /// The tool's description, if any.
    package var description: String? { self.function["description"]?.stringValue }
    /// The JSON schema of the arguments, if any.
    package var parameters: JSONValue? { self.function["parameters"] }
}
