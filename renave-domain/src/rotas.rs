//! The default routes of both APIs (*rotas padrão*), written once: each operation's name
//! (decision D8), HTTP method and path template, as both clients send them and both simulators
//! answer them (issue 12: "routes are spelled once").
//!
//! This is data, no I/O: the clients build their `Endpoint` constants from it (adding the
//! idempotency, decision D6) and the simulators their route tables. A route the real service
//! spells otherwise is corrected at run time by the clients' route overrides (decision D2), not
//! here.
//!
//! * [`cetmg`]: the CET-MG API (`cetmg-api.md` §3), templates relative to
//!   [`cetmg::PREFIXO`] (decision D1).
//! * [`renave_ws`]: Renave-WS (`renave-ws.md` §3.3–§3.5), templates relative to the service's
//!   base URL.
//!
//! ```
//! use renave_domain::rotas::{Metodo, cetmg, renave_ws};
//!
//! assert_eq!(cetmg::GRAVAR_AGENDAMENTO.metodo, Metodo::Post);
//! assert_eq!(cetmg::GRAVAR_AGENDAMENTO.caminho, "/api/veiculos/renave/agenda-minas/gravar-agendamento");
//! let rota = renave_ws::OBTER_TERMO_ENTRADA_ESTOQUE;
//! assert_eq!(rota.modelo, "api/estoques/{idEstoque}/termo-entrada-estoque");
//! assert_eq!(
//!     rota.parametros("/api/estoques/1000/termo-entrada-estoque"),
//!     Some(vec![("idEstoque", "1000")])
//! );
//! ```

/// The HTTP method of a default route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metodo {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl Metodo {
    /// The method as written on the wire (`"GET"`, `"POST"`).
    pub const fn como_texto(self) -> &'static str {
        match self {
            Metodo::Get => "GET",
            Metodo::Post => "POST",
        }
    }
}

/// One operation's default route (*rota padrão*): its name, method and path template.
///
/// Placeholders are `{name}` segments named like the request's wire fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Rota {
    /// The operation name (decision D8), the key of the clients' route overrides.
    pub nome: &'static str,
    /// The HTTP method.
    pub metodo: Metodo,
    /// The path template the client sends, relative to its base path (CET-MG: after
    /// [`cetmg::PREFIXO`]; Renave-WS: after the base URL, starting with `api/`).
    pub modelo: &'static str,
    /// The same template as the server sees it, from the root (`/api/…`): what the simulators
    /// match.
    pub caminho: &'static str,
}

impl Rota {
    /// The placeholder values (name, value) when `caminho` — a path from the root, without
    /// query — is this route's [`caminho`](Self::caminho); `None` otherwise. A placeholder
    /// matches one non-empty segment.
    pub fn parametros<'c>(&self, caminho: &'c str) -> Option<Vec<(&'static str, &'c str)>> {
        let mut modelo = self.caminho.split('/');
        let mut dado = caminho.split('/');
        let mut parametros = Vec::new();
        loop {
            match (modelo.next(), dado.next()) {
                (None, None) => return Some(parametros),
                (Some(m), Some(d)) => {
                    if let Some(nome) = m.strip_prefix('{').and_then(|m| m.strip_suffix('}')) {
                        if d.is_empty() {
                            return None;
                        }
                        parametros.push((nome, d));
                    } else if m != d {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
}

/// Writes one `pub const` [`Rota`] per operation and the list of them.
macro_rules! rotas {
    (
        $(#[$doc_lista:meta])* $lista:ident, prefixo $prefixo:literal;
        $($(#[$doc:meta])* $nome_const:ident = $nome:literal, $metodo:ident $modelo:literal;)*
    ) => {
        $(
            $(#[$doc])*
            pub const $nome_const: Rota = Rota {
                nome: $nome,
                metodo: Metodo::$metodo,
                modelo: $modelo,
                caminho: concat!("/", $prefixo, $modelo),
            };
        )*
        $(#[$doc_lista])*
        pub const $lista: &[Rota] = &[$($nome_const),*];
    };
}

/// The CET-MG API's routes (Regulamento Técnico CET-MG §5 and §7, `cetmg-api.md`; decision
/// D1: lower-case paths under [`PREFIXO`](cetmg::PREFIXO); the regulation's two misprinted
/// paths are the SDK's assumption, overridable).
pub mod cetmg {
    use super::{Metodo, Rota};

    /// The path prefix of every CET-MG operation (decision D1, `cetmg-api.md` §1): the
    /// templates ([`Rota::modelo`]) are relative to it.
    pub const PREFIXO: &str = "api/veiculos/renave/";

    /// The same prefix as the regulation also prints it, capitalised (`cetmg-api.md` §1): the
    /// CET-MG simulator answers it too.
    pub const PREFIXO_CAPITALIZADO: &str = "api/veiculos/Renave/";

    rotas! {
        /// Every CET-MG operation, `gerar-token` first, then the client's listing order.
        TODAS, prefixo "api/veiculos/renave/";
    /// `POST gerar-token` — R §5.1, Fig. 57 (decision D4): the JWT the other operations carry.
    GERAR_TOKEN = "gerar_token", Post "gerar-token";
    /// `GET
    /// consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`
    /// — R §5.2, §6.1.1 (entrada), §6.2.1 (saída).
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE = "consultar_aptidao_veiculo_estoque",
        Get "consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}";
    /// `GET consultar-solicitacao-servico-transferencia-propriedade-veiculo?…` — R §5.3.
    CONSULTAR_SOLICITACAO_TRANSFERENCIA = "consultar_solicitacao_transferencia",
        Get "consultar-solicitacao-servico-transferencia-propriedade-veiculo";
    /// `POST registrar-solicitacao-servico-transferencia-propriedade-veiculo` — R §5.6, §6.1.3.
    REGISTRAR_SOLICITACAO_TRANSFERENCIA = "registrar_solicitacao_transferencia",
        Post "registrar-solicitacao-servico-transferencia-propriedade-veiculo";
    /// `POST registrar-comunicacao-venda-entrada-estoque` — R §5.4, §6.1.8.
    REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE = "registrar_comunicacao_venda_entrada_estoque",
        Post "registrar-comunicacao-venda-entrada-estoque";
    /// `POST registrar-comunicacao-venda-saida-estoque` — R §5.5, §6.2.4.
    REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE = "registrar_comunicacao_venda_saida_estoque",
        Post "registrar-comunicacao-venda-saida-estoque";
    /// `POST portal-transito/emitir-guia-dae` — R §5.7, §6.1.5.
    EMITIR_GUIA_DAE = "emitir_guia_dae", Post "portal-transito/emitir-guia-dae";
    /// `GET vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}` — R §5.8.
    CONSULTAR_DISTRIBUICAO_ATIVA = "consultar_distribuicao_ativa",
        Get "vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}";
    /// `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}` — R §5.9.
    CONSULTAR_ULTIMO_LAUDO = "consultar_ultimo_laudo",
        Get "vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}";
    /// `GET vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}` — R §5.10, §6.1.6.
    RETORNAR_REGIOES_MUNICIPIO = "retornar_regioes_municipio",
        Get "vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}";
    /// `POST vistoria/distribuir` — R §5.11, §6.1.6.
    DISTRIBUIR_VEICULO_ECV = "distribuir_veiculo_ecv", Post "vistoria/distribuir";
    /// `GET agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}` — R §5.12.
    CONSULTAR_AGENDAMENTO = "consultar_agendamento",
        Get "agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}";
    /// `GET agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}` —
    /// R §5.13, §6.1.6 b.
    RETORNAR_DATAS_COM_VAGAS = "retornar_datas_com_vagas",
        Get "agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}";
    /// `GET
    /// agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}` —
    /// R §5.14, §6.1.6 b.
    RETORNAR_PERIODOS_ATENDIMENTO = "retornar_periodos_atendimento",
        Get "agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}";
    /// `POST agenda-minas/gravar-agendamento` — R §5.15, §6.1.6 c.
    GRAVAR_AGENDAMENTO = "gravar_agendamento", Post "agenda-minas/gravar-agendamento";
    /// `POST protocolo-digital/criar-processo-transferencia` — R §5.16, §7.1.
    CRIAR_PROCESSO_TRANSFERENCIA = "criar_processo_transferencia",
        Post "protocolo-digital/criar-processo-transferencia";
    /// `GET protocolo-digital/recuperar-protocolo-renave?…` — R §5.17, §7.2.
    RECUPERAR_PROTOCOLO_RENAVE = "recuperar_protocolo_renave",
        Get "protocolo-digital/recuperar-protocolo-renave";
    /// `POST protocolo-digital/regularizar-pendencia-renave` — R §5.18, §7.3.
    REGULARIZAR_PENDENCIA_RENAVE = "regularizar_pendencia_renave",
        Post "protocolo-digital/regularizar-pendencia-renave";
    /// `POST protocolo-digital/upload-documento-ficha-cadastro-renave` — R §6.2.3, §7.5 (§5.19
    /// misprints it, erratum 3).
    UPLOAD_DOCUMENTO_FICHA_CADASTRO = "upload_documento_ficha_cadastro",
        Post "protocolo-digital/upload-documento-ficha-cadastro-renave";
    /// `GET protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}` — R §7.4.
    LISTAR_VEICULOS_COMUNICACAO_VENDA = "listar_veiculos_comunicacao_venda",
        Get "protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}";
    /// `GET tabelas-auxiliares/consultar-carrocerias` — R §5.20 (código de carroceria).
    CONSULTAR_CARROCERIAS = "consultar_carrocerias", Get "tabelas-auxiliares/consultar-carrocerias";
    /// `GET tabelas-auxiliares/consultar-categorias` — R §5.21 (categoria).
    CONSULTAR_CATEGORIAS = "consultar_categorias", Get "tabelas-auxiliares/consultar-categorias";
    /// `GET tabelas-auxiliares/consultar-combustiveis` — R §5.22 (combustível).
    CONSULTAR_COMBUSTIVEIS = "consultar_combustiveis",
        Get "tabelas-auxiliares/consultar-combustiveis";
    /// `GET tabelas-auxiliares/consultar-cores` — R §5.23 (código da cor).
    CONSULTAR_CORES = "consultar_cores", Get "tabelas-auxiliares/consultar-cores";
    /// `GET tabelas-auxiliares/consultar-especies` — R §5.24 (espécie).
    CONSULTAR_ESPECIES = "consultar_especies", Get "tabelas-auxiliares/consultar-especies";
    /// `GET tabelas-auxiliares/consultar-marcas-modelos` — R §5.25 (marca/modelo; a large table,
    /// pagination unknown ?).
    CONSULTAR_MARCAS_MODELOS = "consultar_marcas_modelos",
        Get "tabelas-auxiliares/consultar-marcas-modelos";
    /// `GET tabelas-auxiliares/consultar-municipios-minas-gerais` — R §5.26 (município de
    /// emplacamento, `municipio_id`).
    CONSULTAR_MUNICIPIOS_MG = "consultar_municipios_mg",
        Get "tabelas-auxiliares/consultar-municipios-minas-gerais";
    /// `GET tabelas-auxiliares/consultar-tipos` — R §5.27 (tipo de veículo).
    CONSULTAR_TIPOS_VEICULO = "consultar_tipos_veiculo", Get "tabelas-auxiliares/consultar-tipos";
    }
}

/// Renave-WS routes (`renave-ws.md` §3.3–§3.5, decision D9), relative to the service's base
/// URL; every one starts with [`PREFIXO`](renave_ws::PREFIXO).
pub mod renave_ws {
    use super::{Metodo, Rota};

    /// The first segment of every Renave-WS route template.
    pub const PREFIXO: &str = "api/";

    rotas! {
        /// The 47 operations of the establishment group (*estabelecimento*), in `renave-ws.md`
        /// §3.5 order (E1–E32 less E21, then Z1–Z16).
        ESTABELECIMENTO, prefixo "";
    /// E1 `GET api/cliente-autenticado` (V) — the establishment the certificate authenticates as; a
    /// credential health check.
    CONSULTAR_CLIENTE_AUTENTICADO = "consultar_cliente_autenticado", Get "api/cliente-autenticado";
    /// E2 `GET api/aptidao-veiculo-estoque?placa&renavam&numeroCrv&tipoCrv` (V) — whether a used
    /// vehicle may enter/leave stock (*aptidão*); recommended before every entrada (M3).
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE = "consultar_aptidao_veiculo_estoque",
        Get "api/aptidao-veiculo-estoque";
    /// E3 `POST api/solicitacoes-entrada-estoque` (V) — entrada of a used vehicle bought from a
    /// third party; answers 201 with the new `Estoque` in `SOLICITADO`.
    SOLICITAR_ENTRADA_ESTOQUE = "solicitar_entrada_estoque",
        Post "api/solicitacoes-entrada-estoque";
    /// E4 `POST api/solicitacoes-entrada-estoque-veiculo-proprio` (path V, body P) — entrada of a
    /// vehicle already registered to the establishment's CNPJ (no seller signature needed).
    SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO = "solicitar_entrada_estoque_veiculo_proprio",
        Post "api/solicitacoes-entrada-estoque-veiculo-proprio";
    /// E5 `POST api/atpv-assinatura-vendedor` (V) — sends the seller's ATPV signature for a stock
    /// created by E3; answers 200 with an empty body (S2/S3).
    ENVIAR_ASSINATURA_VENDEDOR_ATPV = "enviar_assinatura_vendedor_atpv",
        Post "api/atpv-assinatura-vendedor";
    /// E6 `GET api/atpv-assinaturas/{placa}/{renavam}/ultimo` (P) — the latest ATPV signature
    /// record of a vehicle.
    CONSULTAR_ULTIMA_ASSINATURA_ATPV = "consultar_ultima_assinatura_atpv",
        Get "api/atpv-assinaturas/{placa}/{renavam}/ultimo";
    /// E7 `GET api/pdf-atpv?chassi=` (V) — the ATPV-e of a chassis: blank for the seller after E3,
    /// or the sale ATPV-e after a saída.
    OBTER_PDF_ATPV = "obter_pdf_atpv", Get "api/pdf-atpv";
    /// E8 `GET api/pdf-atpv/{placa}/{renavam}` (P) — the ATPV-e by placa and RENAVAM.
    OBTER_PDF_ATPV_POR_PLACA_RENAVAM = "obter_pdf_atpv_por_placa_renavam",
        Get "api/pdf-atpv/{placa}/{renavam}";
    /// E9 `GET api/atpv/{idAtpv}` (P-table; the answer is assumed to be a `PdfAtpv`, I).
    OBTER_ATPV_POR_ID = "obter_atpv_por_id", Get "api/atpv/{idAtpv}";
    /// E10 `POST api/notas-fiscais` (V) — links an NF-e (purchase or sale) to a stock; answers 200
    /// with an empty body (S2/S3).
    ENVIAR_NOTA_FISCAL = "enviar_nota_fiscal", Post "api/notas-fiscais";
    /// E11 `GET api/estoques?chassi&placa&estadoEstoque` (V) — the establishment's stock in any
    /// state (no filter = all); the way to recover a lost `idEstoque` (§7.6).
    CONSULTAR_ESTOQUES = "consultar_estoques", Get "api/estoques";
    /// E12 `GET api/estoques/{idEstoque}` (V) — one stock.
    CONSULTAR_ESTOQUE = "consultar_estoque", Get "api/estoques/{idEstoque}";
    /// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque` (V) — the Termo de Entrada (usados:
    /// only after the seller signature).
    OBTER_TERMO_ENTRADA_ESTOQUE = "obter_termo_entrada_estoque",
        Get "api/estoques/{idEstoque}/termo-entrada-estoque";
    /// E14 `POST api/solicitacoes-cancelamento-estoque` (V; the SERPRO table's
    /// `…-cancelamento-entrada-estoque` is treated as a transcription error — override the route if
    /// needed) — cancels an entrada of a used vehicle.
    SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE = "solicitar_cancelamento_entrada_estoque",
        Post "api/solicitacoes-cancelamento-estoque";
    /// E15 `POST api/solicitacoes-saida-estoque` (V) — sale of a used vehicle (*venda*); the stock
    /// must be `CONFIRMADO`, the entrada NF-e and the seller signature sent.
    SOLICITAR_SAIDA_ESTOQUE = "solicitar_saida_estoque", Post "api/solicitacoes-saida-estoque";
    /// E16 `GET api/estoques/{idEstoque}/termo-saida-estoque` (V; being phased out).
    OBTER_TERMO_SAIDA_ESTOQUE = "obter_termo_saida_estoque",
        Get "api/estoques/{idEstoque}/termo-saida-estoque";
    /// E17 `POST api/solicitacoes-cancelamento-saida-estoque` (V) — cancels a saída while Detran
    /// has not transferred the vehicle; creates a NEW stock with a new id
    /// (`saidaEstoque.cancelamentoSaidaEstoque.idEstoqueGeradoNoCancelamentoSaida`).
    SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE = "solicitar_cancelamento_saida_estoque",
        Post "api/solicitacoes-cancelamento-saida-estoque";
    /// E18 `GET api/crlve/{placa}/{renavam}` (V) — the CRLV-e of a vehicle owned by the
    /// establishment (after `CONFIRMADO`).
    OBTER_CRLVE = "obter_crlve", Get "api/crlve/{placa}/{renavam}";
    /// E19 `GET api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv` (P) — the PDF with the CRV
    /// security code; the answer is assumed to be the `CrlveJson` shape (`Crlve`, read
    /// `pdfCodigoSegurancaCrvBase64`; I).
    OBTER_PDF_CODIGO_SEGURANCA_CRV = "obter_pdf_codigo_seguranca_crv",
        Get "api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv";
    /// E20 `GET api/municipios?nome&uf` (V) — municipalities and their `id` (the `codigoMunicipio`
    /// of addresses).
    CONSULTAR_MUNICIPIOS = "consultar_municipios", Get "api/municipios";
    /// E22 `GET api/veiculos?chassi=` (V) — the vehicle of a `CONFIRMADO` stock.
    CONSULTAR_VEICULO = "consultar_veiculo", Get "api/veiculos";
    /// E23 *consultar autorizações de transferência* — `GET /api/autorizacoes-transferencias`
    /// (SERPRO code 52; **P/V**).
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS = "consultar_autorizacoes_transferencias",
        Get "api/autorizacoes-transferencias";
    /// E24 *autorizar transferência entre estabelecimentos* — `POST
    /// /api/autorizacoes-transferencias` (SERPRO code 53; **P**).
    AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS = "autorizar_transferencia_entre_estabelecimentos",
        Post "api/autorizacoes-transferencias";
    /// E25 *cancelar autorização de transferência* — `POST
    /// /api/cancelamentos-autorizacoes-transferencias` (SERPRO code 55; **P**).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA = "cancelar_autorizacao_transferencia",
        Post "api/cancelamentos-autorizacoes-transferencias";
    /// E26 *solicitar transferência entre estabelecimentos* — `POST
    /// /api/solicitacoes-transferencia-entre-estabelecimentos` (SERPRO code 58; **P** path, **?**
    /// body).
    SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS = "solicitar_transferencia_entre_estabelecimentos",
        Post "api/solicitacoes-transferencia-entre-estabelecimentos";
    /// E27 *solicitar transferência entre filiais* — `POST
    /// /api/solicitacoes-transferencia-entre-filiais` (SERPRO code 59; **P**).
    SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS = "solicitar_transferencia_entre_filiais",
        Post "api/solicitacoes-transferencia-entre-filiais";
    /// E28 *transferência de estoque vindo de ITE* — `POST
    /// /api/transferencias-estoque-vindo-de-ite` (SERPRO code 61; **?**).
    TRANSFERIR_ESTOQUE_VINDO_DE_ITE = "transferir_estoque_vindo_de_ite",
        Post "api/transferencias-estoque-vindo-de-ite";
    /// E29 *autorizar transferência para ITE* — `POST /api/autorizacoes-transferencias-para-ite`
    /// (SERPRO code 62; **?**).
    AUTORIZAR_TRANSFERENCIA_PARA_ITE = "autorizar_transferencia_para_ite",
        Post "api/autorizacoes-transferencias-para-ite";
    /// E30 *cancelar autorização de transferência para ITE* — `POST
    /// /api/cancelamentos-autorizacoes-transferencias-para-ite` (SERPRO code 63; **?**).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE = "cancelar_autorizacao_transferencia_para_ite",
        Post "api/cancelamentos-autorizacoes-transferencias-para-ite";
    /// E31 *saída de estoque de veículo inacabado* — `POST /api/saidas-estoque-veiculo-inacabado`
    /// (SERPRO code 64; **?**).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO = "registrar_saida_estoque_veiculo_inacabado",
        Post "api/saidas-estoque-veiculo-inacabado";
    /// E32 *cancelar saída de estoque de veículo inacabado* — `POST
    /// /api/cancelamentos-saidas-estoque-veiculo-inacabado` (SERPRO code 65; **?**).
    CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO = "cancelar_saida_estoque_veiculo_inacabado",
        Post "api/cancelamentos-saidas-estoque-veiculo-inacabado";
    /// Z1 *consultar veículos zero km pendentes de entrada em estoque* — `GET
    /// /api/veiculos-zero-km-pendentes-entrada-estoque` (SERPRO code 30; **V**).
    CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE = "consultar_veiculos_zero_km_pendentes_entrada_estoque",
        Get "api/veiculos-zero-km-pendentes-entrada-estoque";
    /// Z2 *entrada em estoque de veículo zero km* — `POST /api/entradas-estoque-zero-km` (SERPRO
    /// code 26; **V**).
    REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM = "registrar_entrada_estoque_zero_km",
        Post "api/entradas-estoque-zero-km";
    /// Z3 *saída de estoque de veículo zero km* — `POST /api/saidas-estoque-veiculo-zero-km`
    /// (SERPRO code 28; **V**).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM = "registrar_saida_estoque_veiculo_zero_km",
        Post "api/saidas-estoque-veiculo-zero-km";
    /// Z4 *cancelar saída de estoque zero km* — `POST /api/cancelamentos-saida-estoque-zero-km`
    /// (SERPRO code 24; **P**).
    CANCELAR_SAIDA_ESTOQUE_ZERO_KM = "cancelar_saida_estoque_zero_km",
        Post "api/cancelamentos-saida-estoque-zero-km";
    /// Z5 *cancelar entrada em estoque zero km* — `POST /api/cancelamentos-entrada-estoque-zero-km`
    /// (SERPRO code 50; **P**; the SERPRO table says GET, almost certainly a typo).
    CANCELAR_ENTRADA_ESTOQUE_ZERO_KM = "cancelar_entrada_estoque_zero_km",
        Post "api/cancelamentos-entrada-estoque-zero-km";
    /// Z6 *autorizar transferência de veículo zero km* — `POST
    /// /api/autorizacoes-transferencias-veiculo-zero-km` (SERPRO code 22; **V**).
    AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM = "autorizar_transferencia_veiculo_zero_km",
        Post "api/autorizacoes-transferencias-veiculo-zero-km";
    /// Z7 *cancelar autorização de transferência de veículo zero km* — `POST
    /// /api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km` (SERPRO code 23; **V**).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM = "cancelar_autorizacao_transferencia_veiculo_zero_km",
        Post "api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km";
    /// Z8 *transferência de veículo zero km entre estabelecimentos* — `POST
    /// /api/transferencias-entre-estabelecimentos-veiculo-zero-km` (SERPRO code 29; **V**).
    TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM = "transferir_entre_estabelecimentos_veiculo_zero_km",
        Post "api/transferencias-entre-estabelecimentos-veiculo-zero-km";
    /// Z9 *devolução de veículo zero km à montadora* — `POST
    /// /api/devolucoes-montadora-veiculo-zero-km` (SERPRO code 25; **V**).
    DEVOLVER_MONTADORA_VEICULO_ZERO_KM = "devolver_montadora_veiculo_zero_km",
        Post "api/devolucoes-montadora-veiculo-zero-km";
    /// Z10 *rejeição de veículo zero km* — `POST /api/rejeicoes-zero-km` (SERPRO code 27; **V**).
    REJEITAR_VEICULO_ZERO_KM = "rejeitar_veiculo_zero_km", Post "api/rejeicoes-zero-km";
    /// Z11 *cancelar rejeição de veículo zero km* — `POST
    /// /api/cancelamentos-rejeicoes-veiculo-zero-km` (SERPRO code 60; **P**).
    CANCELAR_REJEICAO_VEICULO_ZERO_KM = "cancelar_rejeicao_veiculo_zero_km",
        Post "api/cancelamentos-rejeicoes-veiculo-zero-km";
    /// Z12 *consultar entregas de veículo zero km* — `GET /api/entregas-veiculo-zero-km` (SERPRO
    /// code 67; **P**).
    CONSULTAR_ENTREGAS_VEICULO_ZERO_KM = "consultar_entregas_veiculo_zero_km",
        Get "api/entregas-veiculo-zero-km";
    /// Z13 *realizar entrega de veículo zero km* — `POST /api/entregas-veiculo-zero-km/realizacao`
    /// (SERPRO code 68; **P**).
    REALIZAR_ENTREGA_VEICULO_ZERO_KM = "realizar_entrega_veiculo_zero_km",
        Post "api/entregas-veiculo-zero-km/realizacao";
    /// Z14 *cancelar entrega de veículo zero km* — `POST
    /// /api/entregas-veiculo-zero-km/cancelamento` (SERPRO code 69; **P**).
    CANCELAR_ENTREGA_VEICULO_ZERO_KM = "cancelar_entrega_veiculo_zero_km",
        Post "api/entregas-veiculo-zero-km/cancelamento";
    /// Z15 *saída de estoque de veículo zero km — Renovar* — `POST
    /// /api/saidas-estoque-veiculo-zero-km-renovar` (SERPRO code 80; **P**).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR = "registrar_saida_estoque_veiculo_zero_km_renovar",
        Post "api/saidas-estoque-veiculo-zero-km-renovar";
    /// Z16 *saída de estoque de veículo inacabado — Renovar* — `POST
    /// /api/saidas-estoque-veiculo-inacabado-renovar` (SERPRO code 81; **P**; S11's path — the S1
    /// table transcription's `saidas-estoque-inacabado-renovar` is reachable through a route
    /// override).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR = "registrar_saida_estoque_veiculo_inacabado_renovar",
        Post "api/saidas-estoque-veiculo-inacabado-renovar";
    }

    rotas! {
        /// The 19 operations of the montadora group, in `renave-ws.md` §3.3 order.
        MONTADORA, prefixo "";
    /// *Consultar cliente autenticado (montadora)* — `GET /api/montadora/cliente-autenticado`
    /// (**P**: route seen in a production proxy's code, S4, which reads `{cnpj, nome, endereco}`).
    CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA = "consultar_cliente_autenticado_montadora",
        Get "api/montadora/cliente-autenticado";
    /// *Consultar municípios (montadora)* — `GET /api/montadora/municipios` (**P-table**: only the
    /// SERPRO endpoint table transcribed by S1 lists it, code 78; no code calls it).
    CONSULTAR_MUNICIPIOS_MONTADORA = "consultar_municipios_montadora",
        Get "api/montadora/municipios";
    /// *Consultar estoques (montadora)* — `GET /api/montadora/estoques?chassi&estadoEstoque`
    /// (**P**: S4).
    CONSULTAR_ESTOQUES_MONTADORA = "consultar_estoques_montadora", Get "api/montadora/estoques";
    /// *Obter termo de saída de estoque (montadora)* — `GET
    /// /api/montadora/estoques/{idEstoque}/termo-saida-estoque` (**P**: S4, which reads
    /// `{numeroTermoSaidaEstoque, pdfBase64}`).
    OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA = "obter_termo_saida_estoque_montadora",
        Get "api/montadora/estoques/{idEstoque}/termo-saida-estoque";
    /// *Obter PDF da ATPV-e (montadora)* — `GET /api/montadora/pdf-atpv?chassi` (**P**: S4 and S11,
    /// which downloads it after a Renovar venda direta).
    OBTER_PDF_ATPV_MONTADORA = "obter_pdf_atpv_montadora", Get "api/montadora/pdf-atpv";
    /// *Consultar veículos zero km pendentes de entrada em estoque (montadora)* — `GET
    /// /api/montadora/veiculos-zero-km-pendentes-entrada-estoque?chassi` (**P**: S4, which reads
    /// `[{chassi, dataHoraCadastro, veiculoAcabado}]`).
    CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA = "consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora",
        Get "api/montadora/veiculos-zero-km-pendentes-entrada-estoque";
    /// *Consultar entregas de veículo zero km (montadora)* — `GET
    /// /api/montadora/entregas-veiculo-zero-km` (**P**: S4).
    CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA = "consultar_entregas_veiculo_zero_km_montadora",
        Get "api/montadora/entregas-veiculo-zero-km";
    /// *Consultar autorizações de transferência (montadora)* — `GET
    /// /api/montadora/autorizacoes-transferencias?chassi&estadoAutorizacao` (**P**: S4).
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA = "consultar_autorizacoes_transferencias_montadora",
        Get "api/montadora/autorizacoes-transferencias";
    /// *Entrada em estoque de veículo zero km (montadora)* — `POST
    /// /api/montadora/entradas-estoque-zero-km` (**P**: S4).
    REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA = "registrar_entrada_estoque_zero_km_montadora",
        Post "api/montadora/entradas-estoque-zero-km";
    /// *Cancelar entrada em estoque zero km (montadora)* — `POST
    /// /api/montadora/cancelamentos-entrada-estoque-zero-km` (**P**: S4, body
    /// `{cpfOperadorResponsavel, dataCancelamentoEntradaEstoque, idEstoque}`, the Z5 body
    /// `CancelamentoEntradaEstoqueZeroKm`).
    CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA = "cancelar_entrada_estoque_zero_km_montadora",
        Post "api/montadora/cancelamentos-entrada-estoque-zero-km";
    /// *Saída de estoque de veículo zero km — venda direta (montadora)* — `POST
    /// /api/montadora/saidas-estoque-veiculo-zero-km` (**P**: S4).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA = "registrar_saida_estoque_veiculo_zero_km_montadora",
        Post "api/montadora/saidas-estoque-veiculo-zero-km";
    /// *Cancelar saída de estoque zero km (montadora)* — `POST
    /// /api/montadora/cancelamentos-saida-estoque-zero-km` (**P**: S4, the
    /// `SolicitacaoCancelamentoSaida` body).
    CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA = "cancelar_saida_estoque_zero_km_montadora",
        Post "api/montadora/cancelamentos-saida-estoque-zero-km";
    /// *Saída de estoque de veículo inacabado (montadora)* — `POST
    /// /api/montadora/saidas-estoque-veiculo-inacabado` (**P**: S4, "as venda direta +
    /// `leasingVeiculoInacabado`", the E31 body `SaidaEstoqueVeiculoInacabado`).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA = "registrar_saida_estoque_veiculo_inacabado_montadora",
        Post "api/montadora/saidas-estoque-veiculo-inacabado";
    /// *Cancelar saída de estoque de veículo inacabado (montadora)* — `POST
    /// /api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado` (**P**: S4, the
    /// `SolicitacaoCancelamentoSaida` body).
    CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA = "cancelar_saida_estoque_veiculo_inacabado_montadora",
        Post "api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado";
    /// *Autorizar transferência para ITE (montadora)* — `POST
    /// /api/montadora/autorizacoes-transferencias-para-ite` (**P**: S4, body
    /// `{chaveNotaFiscalProdutoSaida, cnpjIteDestino, cpfOperadorResponsavel, idEstoqueOrigem,
    /// tipoBeneficioTributario}`, the E29 body `AutorizacaoTransferenciaParaIte`).
    AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA = "autorizar_transferencia_para_ite_montadora",
        Post "api/montadora/autorizacoes-transferencias-para-ite";
    /// *Cancelar autorização de transferência para ITE (montadora)* — `POST
    /// /api/montadora/cancelamentos-autorizacoes-transferencias-para-ite` (**P**: S4, body
    /// `{cpfOperadorResponsavel, idAutorizacao}`, `CancelamentoAutorizacaoTransferencia`).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA = "cancelar_autorizacao_transferencia_para_ite_montadora",
        Post "api/montadora/cancelamentos-autorizacoes-transferencias-para-ite";
    /// *Transferência de estoque vindo de ITE (montadora)* — `POST
    /// /api/montadora/transferencias-estoque-vindo-de-ite` (**P**: S4, body
    /// `{chaveNotaFiscalProduto, chaveNotaFiscalRemessa, chaveNotaFiscalServico,
    /// cpfOperadorResponsavel, dataHoraMedicaoHodometro, dataTransferenciaEstoque, idAutorizacao,
    /// quilometragemHodometro, valorProduto}`, the E28 body `TransferenciaEstoqueVindoDeIte`).
    TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA = "transferir_estoque_vindo_de_ite_montadora",
        Post "api/montadora/transferencias-estoque-vindo-de-ite";
    /// *Saída de estoque de veículo zero km — Renovar (montadora)* — `POST
    /// /api/montadora/saidas-estoque-veiculo-zero-km-renovar` (**P**: route named only by a batch
    /// job's code, S11, which then downloads the ATPV-e with `OBTER_PDF_ATPV_MONTADORA`).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA = "registrar_saida_estoque_veiculo_zero_km_renovar_montadora",
        Post "api/montadora/saidas-estoque-veiculo-zero-km-renovar";
    /// *Saída de estoque de veículo inacabado — Renovar (montadora)* — `POST
    /// /api/montadora/saidas-estoque-veiculo-inacabado-renovar` (**P**: S11).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA = "registrar_saida_estoque_veiculo_inacabado_renovar_montadora",
        Post "api/montadora/saidas-estoque-veiculo-inacabado-renovar";
    }

    rotas! {
        /// The 17 operations of the ITE group, in `renave-ws.md` §3.4 order.
        ITE, prefixo "";
    /// *Consultar cliente autenticado (ITE)* — `GET /api/ite/cliente-autenticado` (**P**: route
    /// seen in a production proxy's code, S4).
    CONSULTAR_CLIENTE_AUTENTICADO_ITE = "consultar_cliente_autenticado_ite",
        Get "api/ite/cliente-autenticado";
    /// *Consultar estoques (ITE)* — `GET /api/ite/estoques?chassi&estadoEstoque` (**P**: S4).
    CONSULTAR_ESTOQUES_ITE = "consultar_estoques_ite", Get "api/ite/estoques";
    /// *Obter termo de entrada em estoque (ITE)* — `GET
    /// /api/ite/estoques/{idEstoque}/termo-entrada-estoque` (**P**: S4).
    OBTER_TERMO_ENTRADA_ESTOQUE_ITE = "obter_termo_entrada_estoque_ite",
        Get "api/ite/estoques/{idEstoque}/termo-entrada-estoque";
    /// *Consultar veículo (ITE)* — `GET /api/ite/veiculos?chassi` (**P**: S4, which reads the E22
    /// shape `{chassi, placa, renavam, restricoes, veiculoAcabado}`).
    CONSULTAR_VEICULO_ITE = "consultar_veiculo_ite", Get "api/ite/veiculos";
    /// *Obter PDF da ATPV-e (ITE)* — `GET /api/ite/pdf-atpv?chassi` (**P**: S4 and S11, which
    /// downloads it after a Renovar saída).
    OBTER_PDF_ATPV_ITE = "obter_pdf_atpv_ite", Get "api/ite/pdf-atpv";
    /// *Consultar clientes das montadoras (ITE)* — `GET /api/ite/clientes-montadoras?chassi`
    /// (**P**: S4).
    CONSULTAR_CLIENTES_MONTADORAS_ITE = "consultar_clientes_montadoras_ite",
        Get "api/ite/clientes-montadoras";
    /// *Consultar autorizações de transferência (ITE)* — `GET
    /// /api/ite/autorizacoes-transferencias?chassi&estadoAutorizacao` (**P**: S4).
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE = "consultar_autorizacoes_transferencias_ite",
        Get "api/ite/autorizacoes-transferencias";
    /// *Entrada em estoque (ITE)* — `POST /api/ite/entradas-estoque` (**P**: S4).
    REGISTRAR_ENTRADA_ESTOQUE_ITE = "registrar_entrada_estoque_ite",
        Post "api/ite/entradas-estoque";
    /// *Saída de estoque (ITE)* — `POST /api/ite/saidas-estoque` (**P**: S4).
    REGISTRAR_SAIDA_ESTOQUE_ITE = "registrar_saida_estoque_ite", Post "api/ite/saidas-estoque";
    /// *Cancelar entrada em estoque (ITE)* — `POST /api/ite/cancelamentos-entrada-estoque-ite`
    /// (**P**: S4, body `{cpfOperadorResponsavel, dataCancelamentoEntradaEstoque, idEstoque}`, the
    /// Z5 body `CancelamentoEntradaEstoqueZeroKm`).
    CANCELAR_ENTRADA_ESTOQUE_ITE = "cancelar_entrada_estoque_ite",
        Post "api/ite/cancelamentos-entrada-estoque-ite";
    /// *Cancelar saída de estoque (ITE)* — `POST /api/ite/cancelamentos-saida-estoque-ite` (**P**:
    /// S4, body `{cpfOperadorResponsavel, dataCancelamentoSaidaEstoque, idEstoque}`,
    /// `SolicitacaoCancelamentoSaida`).
    CANCELAR_SAIDA_ESTOQUE_ITE = "cancelar_saida_estoque_ite",
        Post "api/ite/cancelamentos-saida-estoque-ite";
    /// *Transferência para ITE* — `POST /api/ite/transferencias-para-ite` (route **P**: S4; body
    /// **?** in the digest, here S4's request class).
    TRANSFERIR_PARA_ITE = "transferir_para_ite", Post "api/ite/transferencias-para-ite";
    /// *Transferência vindo de ITE para ITE* — `POST /api/ite/transferencias-vindo-de-ite-para-ite`
    /// (route **P**: S4; body **?** in the digest, here S4's request class).
    TRANSFERIR_VINDO_DE_ITE_PARA_ITE = "transferir_vindo_de_ite_para_ite",
        Post "api/ite/transferencias-vindo-de-ite-para-ite";
    /// *Autorizar transferência de estoque vindo de ITE* — `POST
    /// /api/ite/autorizacoes-transferencias-estoque-vindo-de-ite` (**P**: S4).
    AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE = "autorizar_transferencia_estoque_vindo_de_ite",
        Post "api/ite/autorizacoes-transferencias-estoque-vindo-de-ite";
    /// *Cancelar autorização de transferência de estoque vindo de ITE* — `POST
    /// /api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite` (**P**: S4, body
    /// `{cpfOperadorResponsavel, idAutorizacao}`, `CancelamentoAutorizacaoTransferencia`).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE = "cancelar_autorizacao_transferencia_estoque_vindo_de_ite",
        Post "api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite";
    /// *Acabar veículo inacabado (mock de homologação)* — `POST
    /// /api/ite/veiculos-inacabados-mock/acabar` (**P**: S4; exists **only in homologação**, §1.1).
    ACABAR_VEICULO_INACABADO_MOCK_ITE = "acabar_veiculo_inacabado_mock_ite",
        Post "api/ite/veiculos-inacabados-mock/acabar";
    /// *Saída de estoque — Renovar (ITE)* — `POST /api/ite/saidas-estoque-renovar` (**P**: route
    /// named only by a batch job's code, S11, which then downloads the ATPV-e with
    /// `OBTER_PDF_ATPV_ITE`).
    REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE = "registrar_saida_estoque_renovar_ite",
        Post "api/ite/saidas-estoque-renovar";
    }
}
