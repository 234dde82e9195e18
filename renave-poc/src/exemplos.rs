//! The shorter runs of the root examples (`examples/*.rs`), each a part of the POC over the
//! same [`Roteiro`]: what `cargo run --example <name>` runs (through [`principal`]) and what
//! `tests/exemplos.rs` asserts. Each returns whether every step showed what it should; a flow
//! that stops early leaves a non-conforming "Fluxo interrompido" step in the log.
//!
//! [`principal`]: crate::principal

use renave_domain::CpfCnpj;

use crate::roteiro::Roteiro;

/// `examples/aptidao.rs` — R §6.1.1: the aptidão of a vehicle on both APIs. CET-MG
/// *consultar aptidão* (§5.2) for the apto car and motorcycle and for every non-apto vehicle
/// (with its impediments; CET-MG refuses the solicitação of one all the same), and Renave-WS
/// E2 *aptidão do veículo para entrada em estoque* for the car and the motorcycle.
pub async fn aptidao(r: &mut Roteiro) -> bool {
    if !preparar(r).await {
        return false;
    }
    r.registro
        .titulo_secao("6.1.1 Aptidão na CET-MG — veículos aptos");
    for v in [r.dados.carro.clone(), r.dados.moto.clone()] {
        let titulo = format!(
            "Aptidão para entrada (veículo apto) — {} {}",
            v.nome, v.cetmg.chassi
        );
        if r.aptidao_cetmg("6.1.1", titulo, &v.cetmg, v.cetmg.proprietario)
            .await
            .is_err()
        {
            r.interrompido(&format!("aptidão CET-MG — {}", v.nome));
        }
    }
    r.registro
        .titulo_secao("6.1.1 Aptidão na CET-MG — veículos NÃO aptos (o fluxo não prossegue)");
    if r.nao_aptos().await.is_err() {
        r.interrompido("veículos não aptos");
    }
    r.registro
        .titulo_secao("6.1.7 Aptidão no Renave-WS (E2) — com os dados do CRV");
    for v in [r.dados.carro.clone(), r.dados.moto.clone()] {
        if r.aptidao_ws(&v).await.is_err() {
            r.interrompido(&format!("aptidão Renave-WS — {}", v.nome));
        }
    }
    r.registro.tudo_conforme()
}

/// `examples/entrada_estoque.rs` — R §6.1: the whole entrada of the car (vistoria branch,
/// physical CRV, cartório) and of the motorcycle (formulário branch, digital CRV, CDT), from
/// the aptidão to the comunicação de venda de entrada, with the refusals on the way.
pub async fn entrada_estoque(r: &mut Roteiro) -> bool {
    if !preparar(r).await {
        return false;
    }
    for v in [r.dados.carro.clone(), r.dados.moto.clone()] {
        r.registro.titulo_secao(&format!(
            "6.1 Entrada em estoque — {} (chassi {}, placa {})",
            v.nome, v.cetmg.chassi, v.ws.placa
        ));
        if r.entrada(&v).await.is_err() {
            r.interrompido(&format!("entrada — {}", v.nome));
        }
    }
    r.registro.tudo_conforme()
}

/// `examples/saida_estoque.rs` — R §6.2: the car enters the stock (§6.1, the preparation of
/// the example), then its saída to a private buyer: aptidão, solicitação, the re-issued CRV
/// code read from the CRLV-e, the saída on Renave-WS, the sale NF-e, ATPV-e and termo, the
/// comunicação de venda de saída.
pub async fn saida_estoque(r: &mut Roteiro) -> bool {
    if !preparar(r).await {
        return false;
    }
    let v = r.dados.carro.clone();
    r.registro.titulo_secao(&format!(
        "6.1 Entrada em estoque (preparação da saída) — {}",
        v.nome
    ));
    let Ok(em_estoque) = r.entrada(&v).await else {
        r.interrompido(&format!("entrada — {}", v.nome));
        return false;
    };
    r.registro
        .titulo_secao(&format!("6.2 Saída de estoque — {}", v.nome));
    if r.saida(&v, &em_estoque).await.is_err() {
        r.interrompido(&format!("saída — {}", v.nome));
    }
    r.registro.tudo_conforme()
}

/// `examples/protocolo_digital.rs` — R §7 for the car sold to the private buyer: criar
/// processo (§7.1), recuperar protocolo (§7.2), the pendência regularised — refused by the SDK
/// without the document §7.3 requires, then with it (§7.3), the vehicles with a comunicação de
/// venda (§7.4), the ficha de cadastro with its laudo check (§6.2.3 item 6); then the vehicle
/// whose laudo is over 120 days old (ficha refused, new vistoria required), when there is one.
pub async fn protocolo_digital(r: &mut Roteiro) -> bool {
    if !preparar(r).await {
        return false;
    }
    let v = r.dados.carro.clone();
    let comprador = CpfCnpj::from(r.dados.cpf_comprador);
    r.registro
        .titulo_secao(&format!("7 Protocolo Digital — {}", v.nome));
    if r.protocolo_e_ficha(&v, comprador).await.is_err() {
        r.interrompido(&format!("Protocolo Digital — {}", v.nome));
    }
    if let Some(vencido) = r.dados.laudo_vencido.clone() {
        r.registro
            .titulo_secao("6.2.3 item 6.1 — laudo com mais de 120 dias: nova vistoria necessária");
        if r.laudo_vencido(&vencido).await.is_err() {
            r.interrompido("laudo com mais de 120 dias");
        }
    }
    r.registro.tudo_conforme()
}

/// `examples/tabelas_auxiliares.rs` — the CET-MG tabelas auxiliares (§5.20–§5.27: cores,
/// espécies, combustíveis, categorias, municípios de MG) after the token (§5.1), and the
/// Renave-WS municipalities (E20) after the authenticated client (E1): the preparation every
/// run starts with, on its own.
pub async fn tabelas_auxiliares(r: &mut Roteiro) -> bool {
    preparar(r).await && r.registro.tudo_conforme()
}

async fn preparar(r: &mut Roteiro) -> bool {
    r.registro
        .titulo_secao("Preparação: credenciais e tabelas auxiliares");
    if r.preparar().await.is_err() {
        r.interrompido("preparação");
        return false;
    }
    true
}
