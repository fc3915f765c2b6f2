package jp.kyoso.members.organization;

/**
 * One entry of the code list: a municipality (市区町村, designated cities' wards included) or a prefecture.
 *
 * @param code       全国地方公共団体コード, six digits
 * @param name       as the list writes it: 「久米島町」, 「横浜市 鶴見区」 (a ward with its city), 「沖縄県」
 * @param kana       the reading in hiragana (「くめじまちょう」)
 * @param latitude   of the town hall (prefectures: the prefectural office)
 * @param cityCode   for a ward of a designated city, the city's code; otherwise null
 */
public record Municipality(String code, String name, String kana, String prefecture, OrganizationKind kind,
                           double latitude, double longitude, String cityCode) {
    private static final double EARTH_RADIUS_KM = 6371.0;

    /** 「沖縄県 久米島町」; a prefecture is just its name. */
    public String label() {
        return kind == OrganizationKind.PREFECTURE ? name : prefecture + " " + name;
    }

    /**
     * The body this entry is compared as: a ward stands for its designated city (the city is the municipality, the
     * ward an office of it), everything else for itself.
     */
    public String unitCode() {
        return cityCode == null ? code : cityCode;
    }

    /** Great-circle (haversine) distance between the two town halls, in km. */
    public double distanceKmTo(Municipality other) {
        double lat1 = Math.toRadians(latitude);
        double lat2 = Math.toRadians(other.latitude);
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(other.longitude - longitude);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Distances as the API shows them: km rounded to 0.1. */
    public static double roundedKm(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
