import Foundation
import Vapor

/// Builds the OpenAPI 3.1 description of every API route from the controllers' ``APIOperation`` lists.
enum OpenAPIDocument {
    /// Every documented operation.
    static var operations: [APIOperation] {
        OperationsController.operations + RegionsController.operations + OccupationsController.operations + PairingsController.operations
            + AccountsAPIController.operations + TokensController.operations + AuditController.operations
            + DashboardController.operations + ProjectsAPIController.operations + AgreementsController.operations
            + JobsAPIController.operations + EmployersAPIController.operations + ExchangeController.operations
            + IndustryAPIController.operations + EnterprisesAPIController.operations + WorkersAPIController.operations
            + LaborRegistersAPIController.operations + GigsTripsAPIController.operations
            + ConsumptionAPIController.operations + OrdersAPIController.operations + PeriodsAPIController.operations + PeriodAssessmentController.operations + AnnualReportController.operations + PlacementsController.operations
            + CooperationAPIController.operations + ImportController.operations
    }

    /// Every schema the operations refer to, by name.
    static var componentSchemas: [String: Any] {
        OpenAPISchemas.all.merging(OpenAPISchemas.labor) { $1 }.merging(OpenAPISchemas.industry) { $1 }
            .merging(OpenAPISchemas.laborRegisters) { $1 }
            .merging(OpenAPISchemas.consumption) { $1 }.merging(OpenAPISchemas.cycle) { $1 }.merging(OpenAPISchemas.cooperation) { $1 }
            .merging(OpenAPISchemas.imports) { $1 }
    }

    /// The document as JSON data.
    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var item: [String: Any] = [
                "summary": operation.summary,
                "tags": [operation.tag],
                "operationId": operationID(operation),
                "responses": responses(operation),
            ]
            if !operation.parameters.isEmpty {
                item["parameters"] = operation.parameters.map { parameter in
                    ["name": parameter.name, "in": parameter.location, "required": parameter.required,
                     "description": parameter.description, "schema": ["type": parameter.type]] as [String: Any]
                }
            }
            if let request = operation.request {
                item["requestBody"] = ["required": true,
                                       "content": ["application/json": ["schema": ref(request)]]]
            }
            if operation.secured { item["security"] = [["bearer": [String]()], ["session": [String]()]] }
            paths[operation.path, default: [:]][operation.method.rawValue.lowercased()] = item
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Xiezuo 协作 API", "version": "1.0.0",
                     "description": "Jiangsu–Shaanxi East–West cooperation platform. Errors are {\"error\":{\"code\",\"message\",\"field\"}}."],
            "paths": paths,
            "components": [
                "schemas": componentSchemas,
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer", "description": "API token from `xiezuo token create` or /account"],
                    "session": ["type": "apiKey", "in": "cookie", "name": "xiezuo_session"],
                ],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    private static func responses(_ operation: APIOperation) -> [String: Any] {
        var content: [String: Any]?
        switch operation.response {
        case .object(let name): content = ["application/json": ["schema": ref(name)]]
        case .list(let name):
            content = ["application/json": ["schema": [
                "type": "object",
                "properties": ["items": ["type": "array", "items": ref(name)], "total": ["type": "integer"],
                               "page": ["type": "integer"], "perPage": ["type": "integer"]],
            ] as [String: Any]]]
        case .text(let type): content = [type: ["schema": ["type": "string"]]]
        case .none: content = nil
        }
        var success: [String: Any] = ["description": "Success"]
        if let content { success["content"] = content }
        if !operation.responseHeaders.isEmpty {
            success["headers"] = Dictionary(uniqueKeysWithValues: operation.responseHeaders.map {
                ($0.name, ["description": $0.description, "schema": ["type": $0.type]] as [String: Any])
            })
        }
        let error: [String: Any] = ["description": "Error", "content": ["application/json": ["schema": ref("Error")]]]
        return [String(operation.status): success, "default": error]
    }

    private static func operationID(_ operation: APIOperation) -> String {
        let words = operation.path.split(separator: "/").dropFirst(2).map {
            $0.replacingOccurrences(of: "{", with: "by_").replacingOccurrences(of: "}", with: "")
        }
        return operation.method.rawValue.lowercased() + "_" + words.joined(separator: "_")
    }
}
