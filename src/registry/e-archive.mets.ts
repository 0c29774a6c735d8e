import { el, type XmlNode, xmlDocument } from "../platform/xml.ts";
import { ERMS_PATH, ERMS_VERSION, type PackagedFile } from "./e-archive.model.ts";

/** A path inside the package as a METS link: relative, each segment URL-encoded. */
const href = (path: string) => path.split("/").map(encodeURIComponent).join("/");

const fileEntry = (id: string, f: PackagedFile): XmlNode =>
  el(
    "file",
    {
      ID: id,
      MIMETYPE: f.mime,
      SIZE: f.size,
      CREATED: f.created,
      CHECKSUM: f.sha256,
      CHECKSUMTYPE: "SHA-256",
    },
    [el("FLocat", { LOCTYPE: "URL", "xlink:type": "simple", "xlink:href": href(f.path) })],
  );

/**
 * The root METS.xml of an E-ARK SIP (CSIP profile): a header naming the creator, the ERMS file as
 * descriptive metadata, a fileSec listing every file of the package with its SHA-256 and size,
 * and a physical structMap that points at all of them.
 */
export function metsXml(p: {
  objId: string;
  label: string;
  creator: string;
  now: Date;
  erms: PackagedFile;
  data: PackagedFile[];
}): Buffer {
  const created = p.now.toISOString();
  const dataIds = p.data.map((_, i) => `file-${i + 1}`);
  return xmlDocument(
    el(
      "mets",
      {
        xmlns: "http://www.loc.gov/METS/",
        "xmlns:xlink": "http://www.w3.org/1999/xlink",
        "xmlns:csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
        "xmlns:sip": "https://DILCIS.eu/XML/METS/SIPExtensionMETS",
        OBJID: p.objId,
        LABEL: p.label,
        TYPE: "Mixed",
        "csip:CONTENTINFORMATIONTYPE": "OTHER",
        "csip:OTHERCONTENTINFORMATIONTYPE": `FGS Ärendehantering 2.0 (E-ARK CITS ERMS ${ERMS_VERSION})`,
        PROFILE: "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
      },
      [
        el("metsHdr", { CREATEDATE: created, RECORDSTATUS: "NEW", "csip:OAISPACKAGETYPE": "SIP" }, [
          el("agent", { ROLE: "CREATOR", TYPE: "OTHER", OTHERTYPE: "SOFTWARE" }, [
            el("name", {}, "kansli"),
            el("note", { "csip:NOTETYPE": "SOFTWARE VERSION" }, "1"),
          ]),
          el("agent", { ROLE: "ARCHIVIST", TYPE: "ORGANIZATION" }, [el("name", {}, p.creator)]),
        ]),
        el("dmdSec", { ID: "dmd-erms", CREATED: created, STATUS: "CURRENT" }, [
          el("mdRef", {
            LOCTYPE: "URL",
            "xlink:type": "simple",
            "xlink:href": href(ERMS_PATH),
            MDTYPE: "OTHER",
            OTHERMDTYPE: "ERMS",
            MDTYPEVERSION: ERMS_VERSION,
            MIMETYPE: "text/xml",
            SIZE: p.erms.size,
            CREATED: created,
            CHECKSUM: p.erms.sha256,
            CHECKSUMTYPE: "SHA-256",
          }),
        ]),
        el("fileSec", { ID: "filesec" }, [
          el("fileGrp", { ID: "grp-metadata", USE: "Metadata/Descriptive" }, [
            fileEntry("file-erms", p.erms),
          ]),
          el(
            "fileGrp",
            { ID: "grp-rep1", USE: "Representations/rep1/Data" },
            p.data.map((f, i) => fileEntry(dataIds[i] as string, f)),
          ),
        ]),
        el("structMap", { ID: "structmap-csip", TYPE: "PHYSICAL", LABEL: "CSIP" }, [
          el("div", { ID: "div-root", LABEL: p.objId }, [
            el("div", { ID: "div-metadata", LABEL: "Metadata", DMDID: "dmd-erms" }, [
              el("fptr", { FILEID: "file-erms" }),
            ]),
            el(
              "div",
              { ID: "div-rep1", LABEL: "Representations/rep1" },
              dataIds.map((id) => el("fptr", { FILEID: id })),
            ),
          ]),
        ]),
      ],
    ),
  );
}
