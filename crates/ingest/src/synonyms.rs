//! Recognises headers in Russian and English: a synonym table per canonical field, and header normalisation.
//!
//! Headers are compared after case-folding, `ё` → `е`, and dropping everything that is not a letter or a digit,
//! so `Вес нетто, кг`, `ВЕС НЕТТО (КГ)` and `вес_нетто_кг` are the same header.

use crate::fields::Field;

/// Normalises a header for comparison.
pub fn normalise_header(h: &str) -> String {
    h.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Header spellings seen in vendors' and brokers' exports, per field.
#[rustfmt::skip]
const SYNONYMS: &[(Field, &[&str])] = {
    use Field::*;
    &[
        (SourceRecordId, &["record_id", "id записи", "row_id", "source_record_id", "id"]),
        (DeclarationNumber, &["Номер ДТ", "Номер декларации", "Регистрационный номер ДТ", "Рег. номер ДТ",
            "Номер ГТД", "ГТД", "ДТ", "declaration_number", "declaration_no", "declaration number",
            "customs declaration number", "gtd", "gtd_number"]),
        (DeclarationDate, &["Дата ДТ", "Дата декларации", "Дата регистрации ДТ", "Дата регистрации",
            "Дата оформления", "Дата", "declaration_date", "imp_date", "exp_date", "import date", "export date",
            "date"]),
        (ItemNo, &["Номер товара", "№ товара", "Номер товара в ДТ", "Позиция", "item_no", "item number", "item",
            "g32"]),
        (Direction, &["Направление", "Направление перемещения", "Тип декларации", "direction", "napr", "flow"]),
        (Procedure, &["Таможенная процедура", "Процедура", "Режим", "customs_procedure", "customs_procedure_code",
            "procedure", "regime"]),
        (ReportingCountry, &["reporting_country", "Страна декларирования", "reporter", "reporting country"]),
        (SenderName, &["Отправитель", "Наименование отправителя", "Экспортер", "Экспортёр", "Продавец", "Поставщик",
            "Exporter", "Shipper", "Sender", "Supplier", "Seller", "supplier_name", "exporter_name", "shipper_name",
            "sender_name"]),
        (SenderNameEn, &["sender_name_en", "supplier_name_en", "exporter_name_en", "shipper_name_en"]),
        (SenderAddress, &["Адрес отправителя", "Адрес экспортера", "sender_address", "supplier_address",
            "exporter_address", "shipper_address"]),
        (SenderCountry, &["Страна отправителя", "Страна экспортера", "sender_country", "supplier_country",
            "exporter_country", "shipper_country"]),
        (SenderId, &["ИНН отправителя", "sender_id", "supplier_code", "exporter_code", "exporter_id", "supplier_id"]),
        (RecipientName, &["Получатель", "Наименование получателя", "Импортер", "Импортёр", "Покупатель", "Importer",
            "Consignee", "Buyer", "Recipient", "Receiver", "importer_name", "consignee_name", "recipient_name",
            "buyer_name"]),
        (RecipientNameEn, &["recipient_name_en", "importer_name_en", "consignee_name_en"]),
        (RecipientAddress, &["Адрес получателя", "Адрес импортера", "recipient_address", "importer_address",
            "consignee_address"]),
        (RecipientId, &["ИНН получателя", "БИН получателя", "ИНН импортера", "БИН импортера", "ИНН", "БИН",
            "recipient_id", "importer_code", "importer_inn", "importer_id", "consignee_id", "inn", "bin"]),
        (DeclarantName, &["Декларант", "Наименование декларанта", "Таможенный представитель", "declarant",
            "declarant_name", "broker"]),
        (DeclarantId, &["ИНН декларанта", "БИН декларанта", "declarant_id", "declarant_inn"]),
        (TradingCountry, &["Торгующая страна", "Страна торговли", "trading_country", "trade country",
            "country of trade"]),
        (DispatchCountry, &["Страна отправления", "dispatch_country", "country of dispatch", "country of export",
            "export_country"]),
        (OriginCountry, &["Страна происхождения", "Страна производства", "origin_country", "country of origin",
            "origin", "coo"]),
        (DestinationCountry, &["Страна назначения", "destination_country", "country of destination", "destination"]),
        (Incoterms, &["Условия поставки", "Базис поставки", "incoterms", "delivery terms", "terms of delivery"]),
        (DeliveryPlace, &["Место поставки", "Пункт поставки", "delivery_place", "place of delivery",
            "incoterms_place"]),
        (TransportMode, &["Вид транспорта", "Вид транспорта на границе", "transport_mode", "mode of transport",
            "transport"]),
        (CustomsOffice, &["Таможенный пост", "Таможенный орган", "Таможня", "customs_office", "customs post",
            "customs"]),
        (Description, &["Описание товара", "Наименование товара", "Описание", "Товар",
            "Описание и характеристики товара", "product_description", "goods description", "description",
            "commodity description", "item_description", "product"]),
        (DescriptionEn, &["description_en", "product_description_en", "english description", "goods_description_en"]),
        (HsCode, &["Код ТН ВЭД", "ТН ВЭД", "ТНВЭД", "Код товара", "Код ТН ВЭД ЕАЭС", "Код товара по ТН ВЭД", "hs",
            "hs_code", "hs code", "hscode", "tnved", "commodity code", "tariff code"]),
        (Brand, &["Товарный знак", "Торговая марка", "Марка", "Бренд", "brand", "trademark", "trade mark"]),
        (Manufacturer, &["Производитель", "Изготовитель", "manufacturer", "producer", "maker"]),
        (Model, &["Модель", "model"]),
        (Article, &["Артикул", "Артикул товара", "article", "part number", "part no", "pn"]),
        (Quantity, &["Количество", "Кол-во", "Количество в доп. ед.", "Доп. кол-во", "quantity", "qty"]),
        (Unit, &["Ед. изм.", "Единица измерения", "Ед изм", "unit", "uom", "unit of measure"]),
        (GrossKg, &["Вес брутто, кг", "Вес брутто", "Брутто", "gross_kg", "gross_weight_kg", "gross weight",
            "gross weight, kg"]),
        (NetKg, &["Вес нетто, кг", "Вес нетто", "Нетто", "net_kg", "net_weight_kg", "net weight", "net weight, kg"]),
        (InvoiceValue, &["Фактурная стоимость", "Фактурная стоимость товара", "Цена", "invoice_value",
            "invoice value", "price", "item price"]),
        (Currency, &["Валюта", "Валюта контракта", "Валюта цены", "Код валюты", "currency", "invoice currency"]),
        (CustomsValue, &["Таможенная стоимость", "Таможенная стоимость, руб", "customs_value", "customs value",
            "customs value, rub"]),
        (StatisticalValueUsd, &["Статистическая стоимость, USD", "Статистическая стоимость", "Стоимость, долл. США",
            "Стоимость, USD", "Статстоимость", "statistical_value_usd", "total_value_usd", "value usd", "usd value",
            "stat_value_usd", "value_usd"]),
    ]
};

/// The field a header means, by the synonym table.
pub fn field_for_header(header: &str) -> Option<Field> {
    let n = normalise_header(header);
    if n.is_empty() {
        return None;
    }
    SYNONYMS
        .iter()
        .find(|(_, names)| names.iter().any(|s| normalise_header(s) == n))
        .map(|(f, _)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Field::*;

    #[test]
    fn synonyms_table() {
        let cases: &[(&str, Option<Field>)] = &[
            ("Отправитель", Some(SenderName)),
            ("Наименование отправителя", Some(SenderName)),
            ("Exporter", Some(SenderName)),
            ("Shipper", Some(SenderName)),
            ("SUPPLIER_NAME", Some(SenderName)),
            ("Получатель", Some(RecipientName)),
            ("Импортер", Some(RecipientName)),
            ("Импортёр", Some(RecipientName)),
            ("Consignee", Some(RecipientName)),
            ("IMPORTER_NAME", Some(RecipientName)),
            ("ИНН получателя", Some(RecipientId)),
            ("БИН получателя", Some(RecipientId)),
            ("Код ТН ВЭД", Some(HsCode)),
            ("ТН ВЭД", Some(HsCode)),
            ("Код товара", Some(HsCode)),
            ("HS", Some(HsCode)),
            ("HS_CODE", Some(HsCode)),
            ("Описание товара", Some(Description)),
            ("Наименование товара", Some(Description)),
            ("Товарный знак", Some(Brand)),
            ("Торговая марка", Some(Brand)),
            ("Страна происхождения", Some(OriginCountry)),
            ("Страна отправления", Some(DispatchCountry)),
            ("Страна отправителя", Some(SenderCountry)),
            ("Торгующая страна", Some(TradingCountry)),
            ("Вес нетто, кг", Some(NetKg)),
            ("ВЕС НЕТТО (КГ)", Some(NetKg)),
            ("Нетто", Some(NetKg)),
            ("Фактурная стоимость", Some(InvoiceValue)),
            ("Статистическая стоимость, USD", Some(StatisticalValueUsd)),
            ("Стоимость, долл. США", Some(StatisticalValueUsd)),
            ("Дата декларации", Some(DeclarationDate)),
            ("Дата ДТ", Some(DeclarationDate)),
            ("Номер ДТ", Some(DeclarationNumber)),
            ("Номер декларации", Some(DeclarationNumber)),
            ("Регистрационный номер ДТ", Some(DeclarationNumber)),
            ("Примечание", None),
            ("", None),
        ];
        for (h, want) in cases {
            assert_eq!(field_for_header(h), *want, "{h:?}");
        }
    }

    #[test]
    fn no_synonym_is_claimed_twice() {
        let mut seen = std::collections::HashMap::new();
        for (field, names) in SYNONYMS {
            for n in *names {
                if let Some(other) = seen.insert(normalise_header(n), *field) {
                    assert_eq!(other, *field, "{n:?} is listed for two fields");
                }
            }
        }
    }
}
