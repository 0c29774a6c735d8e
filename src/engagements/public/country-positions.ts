/**
 * Where a country is drawn on the public page's world map: its capital, in degrees (latitude,
 * longitude), rounded. Enough to place a dot honestly, not a geographic database; a country
 * missing here is still in the map's data table.
 */
const CAPITALS =
  "AE 24 54;AF 35 69;AL 41 20;AM 40 45;AO -9 13;AR -35 -58;AT 48 16;AU -35 149;AZ 40 50;BA 44 18;" +
  "BD 24 90;BE 51 4;BF 12 -2;BG 43 23;BH 26 51;BJ 6 3;BO -17 -68;BR -16 -48;BT 27 90;BW -25 26;" +
  "BY 54 28;CA 45 -76;CD -4 15;CF 4 19;CG -4 15;CH 47 7;CI 7 -5;CL -33 -71;CM 4 12;CN 40 116;" +
  "CO 5 -74;CR 10 -84;CU 23 -82;CY 35 33;CZ 50 14;DE 53 13;DK 56 13;DO 18 -70;DZ 37 3;EC 0 -78;" +
  "EE 59 25;EG 30 31;ER 15 39;ES 40 -4;ET 9 39;FI 60 25;FO 62 -7;FR 49 2;GB 52 0;GE 42 45;" +
  "GH 6 0;GL 64 -52;GM 13 -17;GN 10 -14;GR 38 24;GT 15 -91;HK 22 114;HN 14 -87;HR 46 16;HT 19 -72;" +
  "HU 47 19;ID -6 107;IE 53 -6;IL 32 35;IN 29 77;IQ 33 44;IR 36 51;IS 64 -22;IT 42 12;JM 18 -77;" +
  "JO 32 36;JP 36 140;KE -1 37;KG 43 75;KH 12 105;KR 38 127;KW 29 48;KZ 51 71;LA 18 103;LB 34 36;" +
  "LK 7 80;LR 6 -11;LT 55 25;LU 50 6;LV 57 24;LY 33 13;MA 34 -7;MD 47 29;ME 42 19;MG -19 48;" +
  "MK 42 21;ML 13 -8;MM 20 96;MN 48 107;MT 36 14;MW -14 34;MX 19 -99;MY 3 102;MZ -26 33;NA -23 17;" +
  "NE 14 2;NG 9 7;NI 12 -86;NL 52 5;NO 60 11;NP 28 85;NZ -41 175;OM 24 58;PA 9 -80;PE -12 -77;" +
  "PH 15 121;PK 34 73;PL 52 21;PS 32 35;PT 39 -9;PY -25 -58;QA 25 52;RO 44 26;RS 45 20;RU 56 38;" +
  "RW -2 30;SA 25 47;SD 16 33;SE 59 18;SG 1 104;SI 46 15;SK 48 17;SL 8 -13;SN 15 -17;SO 2 45;" +
  "SS 5 32;SV 14 -89;SY 34 36;TD 12 15;TG 6 1;TH 14 101;TJ 39 69;TN 37 10;TR 40 33;TW 25 122;" +
  "TZ -7 39;UA 50 31;UG 0 33;US 39 -77;UY -35 -56;UZ 41 69;VE 10 -67;VN 21 106;XK 43 21;YE 15 44;" +
  "ZA -26 28;ZM -15 28;ZW -18 31";

const POSITIONS = new Map(
  CAPITALS.split(";").map((entry) => {
    const [code, lat, lon] = entry.split(" ");
    return [code ?? "", { lat: Number(lat), lon: Number(lon) }];
  }),
);

/** The country's position on the map, or undefined when the table does not hold it. */
export const countryPosition = (code: string): { lat: number; lon: number } | undefined =>
  POSITIONS.get(code);
