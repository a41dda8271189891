import XiezuoCore

extension OpenAPISchemas {
    /// The spreadsheet imports' report.
    static var imports: [String: Any] {
        let nullableString: [String: Any] = ["type": "string", "nullable": true]
        let problem = object(["field": nullableString, "column": nullableString, "value": nullableString, "code": string, "message": string])
        let row = object(["line": integer, "action": ["type": "string", "enum": ["create", "update", "unchanged"], "nullable": true],
                          "summary": string, "errors": ["type": "array", "items": problem]])
        return [
            "ImportReport": object(["dryRun": boolean, "written": boolean, "created": integer, "updated": integer, "unchanged": integer,
                                    "failed": integer, "file": string, "digest": string, "format": string,
                                    "rows": ["type": "array", "items": row]]),
        ]
    }
}
