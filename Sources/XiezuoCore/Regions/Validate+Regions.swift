/// Checks of region fields shared by every register.
extension Validate {
    /// A known Shaanxi county.
    public static func shaanxiCounty(_ text: String?, field: String, in regions: RegionDirectory) throws(DomainError) -> String {
        let code = try Validate.required(text, field: field, max: 9)
        guard let county = regions[code] else { throw .invalid(field, "unknown_region", ["code": code]) }
        guard county.level == .county, county.province == .shaanxi else { throw .invalid(field, "not_shaanxi_county") }
        return code
    }

    /// A known Jiangsu region (a city or below).
    public static func jiangsuRegion(_ text: String?, field: String, in regions: RegionDirectory) throws(DomainError) -> String {
        let code = try Validate.required(text, field: field, max: 9)
        guard let region = regions[code] else { throw .invalid(field, "unknown_region", ["code": code]) }
        guard region.province == .jiangsu, region.level != .province else { throw .invalid(field, "not_jiangsu_city") }
        return code
    }
}
