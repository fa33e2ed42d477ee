//! The canonical input fields a column can be mapped to, in the order of the shipment table.

macro_rules! fields {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// A canonical input field: the target of a column mapping.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Field {
            $( #[doc = concat!("`", $name, "`")] $variant, )*
        }

        impl Field {
            /// Every field, in canonical order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            /// The snake-case name used in mapping files and in the shipment table.
            pub fn name(self) -> &'static str {
                match self { $(Field::$variant => $name,)* }
            }
        }
    };
}

fields! {
    SourceRecordId = "source_record_id",
    DeclarationNumber = "declaration_number",
    DeclarationDate = "declaration_date",
    ItemNo = "item_no",
    Direction = "direction",
    Procedure = "procedure",
    ReportingCountry = "reporting_country",
    SenderName = "sender_name",
    SenderNameEn = "sender_name_en",
    SenderAddress = "sender_address",
    SenderCountry = "sender_country",
    SenderId = "sender_id",
    RecipientName = "recipient_name",
    RecipientNameEn = "recipient_name_en",
    RecipientAddress = "recipient_address",
    RecipientId = "recipient_id",
    DeclarantName = "declarant_name",
    DeclarantId = "declarant_id",
    TradingCountry = "trading_country",
    DispatchCountry = "dispatch_country",
    OriginCountry = "origin_country",
    DestinationCountry = "destination_country",
    Incoterms = "incoterms",
    DeliveryPlace = "delivery_place",
    TransportMode = "transport_mode",
    CustomsOffice = "customs_office",
    Description = "description",
    DescriptionEn = "description_en",
    HsCode = "hs_code",
    Brand = "brand",
    Manufacturer = "manufacturer",
    Model = "model",
    Article = "article",
    Quantity = "quantity",
    Unit = "unit",
    GrossKg = "gross_kg",
    NetKg = "net_kg",
    InvoiceValue = "invoice_value",
    Currency = "currency",
    CustomsValue = "customs_value",
    StatisticalValueUsd = "statistical_value_usd",
}

impl Field {
    /// The field with this snake-case name.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Numeric fields, parsed with the file's decimal mode.
    pub fn is_numeric(self) -> bool {
        use Field::*;
        matches!(
            self,
            ItemNo | Quantity | GrossKg | NetKg | InvoiceValue | CustomsValue | StatisticalValueUsd
        )
    }

    /// Date fields.
    pub fn is_date(self) -> bool {
        self == Field::DeclarationDate
    }

    /// Box 31 sub-fields where fillers such as `ОТСУТСТВУЕТ` mean "none".
    pub fn has_fillers(self) -> bool {
        use Field::*;
        matches!(self, Brand | Manufacturer | Model | Article)
    }
}

/// Number of canonical fields.
pub const N_FIELDS: usize = Field::ALL.len();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
            assert_eq!(Field::from_name(f.name()), Some(*f));
        }
        assert_eq!(N_FIELDS, 41);
        assert_eq!(Field::from_name("nope"), None);
    }
}
