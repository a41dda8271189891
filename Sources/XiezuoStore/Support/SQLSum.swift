import SQLKit

/// `CAST(SUM(column) AS BIGINT)`: PostgreSQL sums a BIGINT column into NUMERIC, which does not decode as `Int64`;
/// the cast makes both databases answer an integer.
func sumAsBigint(_ column: String) -> any SQLExpression {
    SQLQueryString("CAST(SUM(\(ident: column)) AS BIGINT)")
}
