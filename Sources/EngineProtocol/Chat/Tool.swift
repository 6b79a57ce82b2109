/// A tool the model may call (`tools[i]`): OpenAI supports only function tools.
package struct Tool: Codable, Sendable, Hashable {
    /// Always `function`.
    package var type: String
    package var function: FunctionDefinition

    package init(function: FunctionDefinition) {
        self.type = "function"
        self.function = function
    }
}

/// A function tool's name, description and JSON-schema parameters.
package struct FunctionDefinition: Codable, Sendable, Hashable {
    package var name: String
    package var description: String?
    /// A JSON schema object describing the arguments.
    package var parameters: JSONValue?
    /// OpenAI's structured-outputs flag; accepted and passed to the prompt as given.
    package var strict: Bool?

    package init(name: String, description: String? = nil, parameters: JSONValue? = nil, strict: Bool? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict
    }
}

/// `tool_choice`: `"none"`, `"auto"`, `"required"`, or `{"type": "function", "function": {"name": …}}`.
package enum ToolChoice: Codable, Sendable, Hashable {
    case none
    case auto
    case required
    /// The model must call this function.
    case function(String)

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            switch text {
            case "none": self = .none
            case "auto": self = .auto
            case "required": self = .required
            default:
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected 'none', 'auto', 'required' or a function object, got '\(text)'"
                )
            }
            return
        }
        let object = try container.decode(NamedChoice.self)
        self = .function(object.function.name)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .none: try container.encode("none")
        case .auto: try container.encode("auto")
        case .required: try container.encode("required")
        case .function(let name):
            try container.encode(NamedChoice(type: "function", function: .init(name: name)))
        }
    }

    private struct NamedChoice: Codable {
        var type: String?
        var function: Name

        struct Name: Codable {
            var name: String
        }
    }
}
