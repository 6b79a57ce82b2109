import EngineProtocol

extension RouteContext {
    /// Decodes the request body as `Value`, answering 400 with the field at fault when it is not
    /// valid JSON or does not fit the type. The body is read as JSON whatever its Content-Type
    /// (`curl -d` sends a form type).
    package func decodeBody<Value: Decodable>(_ type: Value.Type) throws(ResponseError) -> Value {
        guard !self.request.body.isEmpty else {
            throw .badRequest("the request body is empty; send a JSON object")
        }
        do {
            return try WireFormat.decode(type, from: self.request.body)
        } catch {
            let (message, param) = WireFormat.describe(error)
            throw .badRequest(message, param: param)
        }
    }
}
