//! Enumerations of the federal Renave-WS (SERPRO), all JSON strings (`renave-ws.md` §6).

tabela! {
    /// *Tipo de CRV* (`tipoCrv`), required by the aptidão query and the entrada requests
    /// (`renave-ws.md` §6, E2, E3).
    pub enum TipoCrv: Texto, "tipoCrv" {
        Azul = "AZUL" => "CRV azul",
        Verde = "VERDE" => "CRV verde",
        Branco = "BRANCO" => "CRV branco",
        Digital = "DIGITAL" => "CRV digital",
    }
}

tabela! {
    /// *Tipo de documento* of a person (`tipoDocumento`, `tipoDocumentoProprietarioAtual`)
    /// (`renave-ws.md` §6, §5.4).
    pub enum TipoDocumento: Texto, "tipoDocumento" {
        Cpf = "CPF" => "Cadastro de Pessoas Físicas",
        Cnpj = "CNPJ" => "Cadastro Nacional da Pessoa Jurídica",
    }
}

tabela! {
    /// *Estado do estoque* (`estado`, `estadoEstoque`) of a Renave-WS stock record
    /// (`renave-ws.md` §6, §5.1, E11).
    pub enum EstadoEstoque: Texto, "estadoEstoque" {
        Solicitado = "SOLICITADO" => "Solicitado",
        Transferido = "TRANSFERIDO" => "Transferido",
        Confirmado = "CONFIRMADO" => "Confirmado",
        Finalizado = "FINALIZADO" => "Finalizado",
    }
}

tabela! {
    /// *Evento* of a nota fiscal sent with `POST /api/notas-fiscais` (`evento`)
    /// (`renave-ws.md` §6, E10).
    pub enum EventoNotaFiscal: Texto, "evento" {
        Compra = "COMPRA" => "Compra",
        Venda = "VENDA" => "Venda",
    }
}

tabela! {
    /// *Motivo da saída* of a stock (`saidaEstoque.motivo`) (`renave-ws.md` §6, §5.3; `VENDA`
    /// verified in real data, the others from one transcription).
    pub enum MotivoSaida: Texto, "motivo" {
        Venda = "VENDA" => "Venda",
        BaixaDoVeiculo = "BAIXA_DO_VEICULO" => "Baixa do veículo",
        TransferenciaEstabelecimento = "TRANSFERENCIA_ESTABELECIMENTO" => "Transferência para outro estabelecimento",
        TransferenciaFiliais = "TRANSFERENCIA_FILIAIS" => "Transferência entre filiais",
        CancelamentoEntrada = "CANCELAMENTO_ENTRADA" => "Cancelamento da entrada",
        DevolucaoMontadora = "DEVOLUCAO_MONTADORA" => "Devolução à montadora",
    }
}

tabela! {
    /// *Tipo de assinatura do vendedor* of the ATPV-e (`tipoAssinaturaVendedor`)
    /// (`renave-ws.md` §6, E6).
    pub enum TipoAssinaturaVendedor: Texto, "tipoAssinaturaVendedor" {
        ProprioPunhoAtpvPapelMoeda = "PROPRIO_PUNHO_ATPV_PAPEL_MOEDA" => "Assinatura de próprio punho no ATPV em papel-moeda",
        ProprioPunhoAtpve = "PROPRIO_PUNHO_ATPVE" => "Assinatura de próprio punho no ATPV-e",
        QualificadaP7sSobreFotoAtpvPapelMoeda = "QUALIFICADA_P7S_SOBRE_FOTO_ATPV_PAPEL_MOEDA" => "Assinatura qualificada (P7S) sobre a foto do ATPV em papel-moeda",
        QualificadaP7sSobreXmlAtpve = "QUALIFICADA_P7S_SOBRE_XML_ATPVE" => "Assinatura qualificada (P7S) sobre o XML do ATPV-e",
        AvancadaSobrePdfAtpve = "AVANCADA_SOBRE_PDF_ATPVE" => "Assinatura avançada sobre o PDF do ATPV-e",
    }
}

tabela! {
    /// *Estado da autorização de transferência* between establishments
    /// (`estadoAutorizacaoTransferencia`, `estadoAutorizacao`) (`renave-ws.md` §6, §5.6, E23).
    pub enum EstadoAutorizacaoTransferencia: Texto, "estadoAutorizacaoTransferencia" {
        Criada = "CRIADA" => "Criada",
        Consumida = "CONSUMIDA" => "Consumida",
        Cancelada = "CANCELADA" => "Cancelada",
    }
}

tabela! {
    /// *Estado da intenção de venda* (`estadoIntencaoVenda`) (`renave-ws.md` §6, E6).
    pub enum EstadoIntencaoVenda: Texto, "estadoIntencaoVenda" {
        Registrada = "REGISTRADA" => "Registrada",
        VendaComunicada = "VENDA_COMUNICADA" => "Venda comunicada",
        Cancelada = "CANCELADA" => "Cancelada",
        Consumida = "CONSUMIDA" => "Consumida",
    }
}

tabela! {
    /// *Motivo da rejeição* of a zero-km vehicle by the dealer (`motivoRejeicao`)
    /// (`renave-ws.md` §6, Z10).
    pub enum MotivoRejeicao: Texto, "motivoRejeicao" {
        Desistencia = "DESISTENCIA" => "Desistência",
        ErroOperacionalMontadora = "ERRO_OPERACIONAL_MONTADORA" => "Erro operacional da montadora",
    }
}

tabela! {
    /// *Motivo da devolução à montadora* of a zero-km vehicle (`motivoDevolucaoMontadora`)
    /// (`renave-ws.md` §6, Z9).
    pub enum MotivoDevolucaoMontadora: Texto, "motivoDevolucaoMontadora" {
        Desistencia = "DESISTENCIA" => "Desistência",
        FinsDeTransformacao = "DEVOLUCAO_MONTADORA_FINS_DE_TRANSFORMACAO" => "Devolução à montadora para fins de transformação",
        CorrecaoDeDadosCadastraisFabris = "DEVOLUCAO_MONTADORA_CORRECAO_DE_DADOS_CADASTRAIS_FABRIS" => "Devolução à montadora para correção de dados cadastrais fabris",
        Avarias = "DEVOLUCAO_MONTADORA_AVARIAS" => "Devolução à montadora por avarias",
        VendaDireta = "DEVOLUCAO_MONTADORA_VENDA_DIRETA" => "Devolução à montadora por venda direta",
    }
}
