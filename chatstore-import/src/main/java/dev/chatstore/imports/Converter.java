package dev.chatstore.imports;

/** Converts one product's database into the export format. Stateless. */
interface Converter {
    /**
     * @param ownerUserId the user of a single-user source's rows (ignored by sources that name their users)
     * @throws dev.chatstore.InvalidInputException ("source") if the source's data cannot be converted
     */
    void convert(SourceDb source, ExportWriter out, String ownerUserId);
}
