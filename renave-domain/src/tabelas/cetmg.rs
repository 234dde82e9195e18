//! Code tables of the CET-MG API (Regulamento Técnico CET-MG, `cetmg-api.md` §2–§4).

tabela! {
    /// *Código de retorno* of every CET-MG answer (`codigo_retorno`): `"000"` is success, any
    /// other value is a business error explained by `mensagem_retorno`
    /// (Regulamento Técnico §6.1.2, §6.1.3, §6.2.2; `cetmg-api.md` §2). The value is a
    /// three-character string on the wire; the catalogue of error codes is not published, so
    /// every other code is kept as [`CodigoRetorno::Desconhecido`].
    pub enum CodigoRetorno: Texto, "codigo_retorno" {
        Sucesso = "000" => "Sucesso",
    }
}

impl CodigoRetorno {
    /// `true` for `"000"`, the only success code (Regulamento Técnico §6.1.3).
    pub fn is_sucesso(&self) -> bool {
        matches!(self, Self::Sucesso)
    }
}

tabela! {
    /// *Atividade* of the vehicle (`atividade`), a one-letter string: T = Táxi, L = Locadora,
    /// E = Escolar, C = Coleção, O = Outros (Regulamento Técnico §6.1.3; §7.1 and the §7.3
    /// document table test T, O and C; `cetmg-api.md` §3.3, §3.15).
    pub enum Atividade: Texto, "atividade" {
        Taxi = "T" => "Táxi",
        Locadora = "L" => "Locadora",
        Escolar = "E" => "Escolar",
        Colecao = "C" => "Coleção",
        /// The §7.3 table reads it as "Uso próprio/outros".
        Outros = "O" => "Outros",
    }
}

tabela! {
    /// *Categoria* of the vehicle (`categoria`), a JSON number. The codes the regulation
    /// itself fixes are named (Regulamento Técnico §7.3 table; `cetmg-api.md` §4), plus
    /// `1` = particular, the usual category (inference from the RENAVAM list N2, the first
    /// entry). The other RENAVAM categories (oficial, …) come from
    /// `tabelas-auxiliares/consultar-categorias`; build them with
    /// [`Categoria::desconhecido_permitido`] to send one.
    pub enum Categoria: Numero, "categoria" {
        /// Inference (`cetmg-api.md` §4, N2): the first RENAVAM category.
        Particular = "1" => "Particular",
        Aluguel = "2" => "Aluguel",
        Aprendizagem = "5" => "Aprendizagem",
        ChefeMissaoDiplomatica = "7" => "Chefe de missão diplomática",
        CorpoConsular = "8" => "Corpo consular",
        OrganismoInternacional = "9" => "Organismo internacional",
        CorpoDiplomatico = "10" => "Corpo diplomático",
        MissaoReparticaoRepresentacaoInternacional = "11" => "Missão, repartição ou representação internacional",
        AcordoCooperacaoInternacional = "12" => "Acordo de cooperação internacional",
    }
}

impl Categoria {
    /// `true` for the diplomatic and international categories 7 to 12, which require the
    /// documents 286 (and 285 for a CNPJ acquirer) in the Regulamento Técnico §7.3 table.
    pub fn is_diplomatica_ou_internacional(&self) -> bool {
        matches!(
            self,
            Self::ChefeMissaoDiplomatica
                | Self::CorpoConsular
                | Self::OrganismoInternacional
                | Self::CorpoDiplomatico
                | Self::MissaoReparticaoRepresentacaoInternacional
                | Self::AcordoCooperacaoInternacional
        )
    }
}

tabela! {
    /// *Modalidade de compra* of the registrar-solicitação request (Regulamento Técnico §6.1.3,
    /// "Dados complementares"; `cetmg-api.md` §3.3). Written as a JSON number (inference: the
    /// regulation prints the codes unquoted, like `categoria`).
    pub enum ModalidadeCompra: Numero, "modalidade de compra" {
        SemFinanciamento = "0" => "Sem financiamento",
        ReservaDominio = "2" => "Reserva de domínio",
        ComFinanciamento = "4" => "Com financiamento",
    }
}

tabela! {
    /// *Isenção de IPVA* of the registrar-solicitação request (Regulamento Técnico §6.1.3,
    /// "Dados complementares"; `cetmg-api.md` §3.3). Written as a JSON number (inference).
    pub enum IsencaoIpva: Numero, "isenção de IPVA" {
        Isento = "1" => "Isento",
        NaoIsento = "2" => "Não isento",
    }
}

tabela! {
    /// *Código da taxa* of `portal-transito/emitir-guia-dae` (Regulamento Técnico §6.1.5;
    /// `cetmg-api.md` §3.4, §5). Written as a JSON number (inference).
    pub enum CodigoTaxa: Numero, "código da taxa" {
        VistoriaMovel = "64" => "Vistoria móvel",
    }
}

tabela! {
    /// *Tipo de veículo* (`tipo_veiculo`), the national RENAVAM table as a two-digit string
    /// (`cetmg-api.md` §4, NF-e MOC reproduction N1; Regulamento Técnico §7.3 writes `'03'` and
    /// `'04'`). The live table is `tabelas-auxiliares/consultar-tipos` (§5.27).
    ///
    /// Erratum: the §7.3 table labels `'03'` "Motocicleta" and `'04'` "Motoneta/Ciclomotor";
    /// RENAVAM has 03 = motoneta and 04 = motocicleta. The labels here are RENAVAM's.
    pub enum TipoVeiculo: Texto, "tipo_veiculo" {
        Ciclomotor = "02" => "Ciclomotor",
        Motoneta = "03" => "Motoneta",
        Motocicleta = "04" => "Motocicleta",
        Triciclo = "05" => "Triciclo",
        Automovel = "06" => "Automóvel",
        MicroOnibus = "07" => "Micro-ônibus",
        Onibus = "08" => "Ônibus",
        Reboque = "10" => "Reboque",
        Semirreboque = "11" => "Semirreboque",
        Camioneta = "13" => "Camioneta",
        Caminhao = "14" => "Caminhão",
        CaminhaoTrator = "17" => "Caminhão-trator",
        TratorRodas = "18" => "Trator de rodas",
        TratorEsteiras = "19" => "Trator de esteiras",
        TratorMisto = "20" => "Trator misto",
        Quadriciclo = "21" => "Quadriciclo",
        EspecialOnibus = "22" => "Especial/ônibus",
        Caminhonete = "23" => "Caminhonete",
        CargaCam = "24" => "Carga/cam",
        Utilitario = "25" => "Utilitário",
        MotorCasa = "26" => "Motor-casa",
    }
}

impl TipoVeiculo {
    /// `true` for `'03'` and `'04'`, the two-wheelers of the motofrete/mototáxi row of the
    /// Regulamento Técnico §7.3 table.
    pub fn is_motocicleta_ou_motoneta(&self) -> bool {
        matches!(self, Self::Motoneta | Self::Motocicleta)
    }
}

tabela! {
    /// *Tipo de documento do adquirente* (`tipo_documento_adquirente`) of
    /// `protocolo-digital/criar-processo-transferencia`, a JSON number: 2 = CNPJ is written in
    /// the Regulamento Técnico §7.3 table; 1 = CPF is an inference (`cetmg-api.md` §3.15).
    pub enum TipoDocumentoAdquirente: Numero, "tipo_documento_adquirente" {
        Cpf = "1" => "CPF",
        Cnpj = "2" => "CNPJ",
    }
}

tabela! {
    /// Id of a complementary document (*documentação complementar*) of the Protocolo Digital,
    /// as the Regulamento Técnico §7.3 table names them (`cetmg-api.md` §3.17.1). Written as a
    /// JSON number (inference). Other document ids are kept as
    /// [`DocumentoId::Desconhecido`].
    pub enum DocumentoId: Numero, "documento" {
        DocumentacaoIdentificacao = "35" => "Documentação de Identificação",
        ContratoSocial = "238" => "Contrato social da empresa original ou cópia autenticada",
        AutorizacaoPoderPublico = "284" => "Autorização do Poder Público concedente",
        CartaoCnpj = "285" => "Cartão CNPJ atualizado",
        DocumentoMinisterioExterior = "286" => "Documento do Ministério do Exterior",
        CertificadoVeiculoColecao = "288" => "Certificado do Veículo de Coleção (CVCOL)",
        DocumentoJudicial = "289" => "Documento Judicial",
        ContratoComodatoArrendamento = "291" => "Contrato do Comodato/Arrendamento",
    }
}

tabela! {
    /// *Código da cor* (`codigo_cor`), the DENATRAN colour table as a two-digit string
    /// (`cetmg-api.md` §4, NF-e MOC reproduction N1); the live table is
    /// `tabelas-auxiliares/consultar-cores` (R §5.23). The form is the table's: `"01"`, never
    /// `"1"` (a `"1"` is an unknown code).
    pub enum Cor: Texto, "codigo_cor" {
        Amarela = "01" => "Amarelo",
        Azul = "02" => "Azul",
        Bege = "03" => "Bege",
        Branca = "04" => "Branca",
        Cinza = "05" => "Cinza",
        Dourada = "06" => "Dourada",
        Grena = "07" => "Grená",
        Laranja = "08" => "Laranja",
        Marrom = "09" => "Marrom",
        Prata = "10" => "Prata",
        Preta = "11" => "Preta",
        Rosa = "12" => "Rosa",
        Roxa = "13" => "Roxa",
        Verde = "14" => "Verde",
        Vermelha = "15" => "Vermelha",
        Fantasia = "16" => "Fantasia",
    }
}

tabela! {
    /// *Código da espécie* (`codigo_especie`), the RENAVAM table as a one-digit string
    /// (`cetmg-api.md` §4, N1); the live table is `tabelas-auxiliares/consultar-especies`
    /// (R §5.24).
    pub enum Especie: Texto, "codigo_especie" {
        Passageiro = "1" => "Passageiro",
        Carga = "2" => "Carga",
        Misto = "3" => "Misto",
        Corrida = "4" => "Corrida",
        Tracao = "5" => "Tração",
        Especial = "6" => "Especial",
    }
}

tabela! {
    /// *Código do combustível* (`codigo_combustivel`), the RENAVAM table as a two-digit string
    /// (`cetmg-api.md` §4, N1, which prints 01–03 and 16–18; 04–15 follow the same NF-e MOC
    /// table); the live table is `tabelas-auxiliares/consultar-combustiveis` (R §5.22).
    pub enum Combustivel: Texto, "codigo_combustivel" {
        Alcool = "01" => "Álcool",
        Gasolina = "02" => "Gasolina",
        Diesel = "03" => "Diesel",
        Gasogenio = "04" => "Gasogênio",
        GasMetano = "05" => "Gás metano",
        EletricoFonteInterna = "06" => "Elétrico/fonte interna",
        EletricoFonteExterna = "07" => "Elétrico/fonte externa",
        GasolinaGasNaturalCombustivel = "08" => "Gasolina/gás natural combustível",
        AlcoolGasNaturalCombustivel = "09" => "Álcool/gás natural combustível",
        DieselGasNaturalCombustivel = "10" => "Diesel/gás natural combustível",
        VideCampoObservacao = "11" => "Vide campo observação",
        AlcoolGasNaturalVeicular = "12" => "Álcool/gás natural veicular",
        GasolinaGasNaturalVeicular = "13" => "Gasolina/gás natural veicular",
        DieselGasNaturalVeicular = "14" => "Diesel/gás natural veicular",
        GasNaturalVeicular = "15" => "Gás natural veicular",
        AlcoolGasolina = "16" => "Álcool/gasolina",
        GasolinaAlcoolGnv = "17" => "Gasolina/álcool/gás natural veicular",
        GasolinaEletrico = "18" => "Gasolina/elétrico",
    }
}
