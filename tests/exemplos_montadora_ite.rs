//! The montadora and ITE examples (`examples/montadora.rs`, `examples/ite.rs`), each run
//! in-process against the Renave-WS simulator — the very steps `cargo run --example <name>`
//! runs (`renave_poc::montadora`, `renave_poc::ite`) — with every step asserted and the state
//! the simulator ends in read back with the typed client: the integration proof that the
//! client and the simulator meet on every operation of the flows.
#![allow(clippy::unwrap_used)]

use renave::domain::{EstadoAutorizacaoTransferencia, EstadoEstoque};
use renave::ws::operacoes::montadora::{FiltroAutorizacoes, FiltroEstoques};
use renave::ws::operacoes::zero_km::FiltroEntregasVeiculoZeroKm;
use renave_poc::{Configuracao, Esperado, Passo, Resultado, RoteiroGrupos};

async fn rodar(passos: impl AsyncFnOnce(&mut RoteiroGrupos) -> bool) -> RoteiroGrupos {
    let (roteiro, conforme, _) =
        renave_poc::executar_grupos(&Configuracao::simuladores(false), passos)
            .await
            .unwrap();
    let passos = &roteiro.registro.passos;
    let desvios: Vec<String> = passos
        .iter()
        .filter(|p| !p.conforme())
        .map(|p| format!("[{}] {} {}: {:?}", p.numero, p.secao, p.titulo, p.resultado))
        .collect();
    assert!(
        desvios.is_empty(),
        "{desvios:#?}\n{}",
        roteiro.registro.resumo()
    );
    assert!(conforme);
    for (i, p) in passos.iter().enumerate() {
        assert_eq!(p.numero, i + 1);
        assert!(!p.titulo.starts_with("Fluxo interrompido"), "{p:?}");
    }
    roteiro
}

fn sucesso(passos: &[Passo], secao: &str, trecho: &str) -> bool {
    passos
        .iter()
        .any(|p| p.secao == secao && p.titulo.contains(trecho) && p.resultado == Resultado::Sucesso)
}

fn recusas_422(passos: &[Passo]) -> usize {
    passos
        .iter()
        .filter(|p| {
            p.esperado == Esperado::Recusa(Some("422"))
                && matches!(&p.resultado, Resultado::Recusado { codigo: Some(c), .. } if c == "422")
        })
        .count()
}

fn estados(l: &renave::domain::ItensRecebidos<renave::ws::modelos::Estoque>) -> Vec<EstadoEstoque> {
    assert!(l.is_completa(), "{l:?}");
    l.iter().filter_map(|e| e.estado.clone()).collect()
}

#[tokio::test]
async fn exemplo_montadora() {
    let r = rodar(renave_poc::montadora::montadora).await;
    let passos = &r.registro.passos;
    for (secao, trecho) in [
        ("§3.3", "cliente autenticado (montadora)"),
        ("§3.3", "pendentes de entrada"),
        ("§3.3", "entrada em estoque zero km"),
        ("§3.3", "venda direta com entregaIndicada"),
        ("Z12", "entregas do chassi"),
        ("Z13", "realizar a entrega"),
        ("§3.3", "PDF da ATPV-e (montadora)"),
        ("§3.3", "autorizar a transferência para a ITE"),
        ("§3.4", "a ITE recebe o veículo"),
        ("§3.4", "a ITE autoriza a volta à montadora"),
        ("§3.3", "a montadora recebe o veículo vindo da ITE"),
        ("§3.3", "cancelar a entrada"),
    ] {
        assert!(
            sucesso(passos, secao, trecho),
            "{secao} {trecho}\n{}",
            r.registro.resumo()
        );
    }
    assert_eq!(recusas_422(passos), 1, "{}", r.registro.resumo());
    assert_eq!(passos.len(), 15, "{}", r.registro.resumo());

    // The simulator's final state, read back with the typed client.
    let d = &r.dados;
    let sim = r.simulador.as_ref().unwrap();
    let vendido = r
        .montadora
        .consultar_estoques_montadora(&FiltroEstoques::por_chassi(d.zero_km_pendente))
        .await
        .unwrap();
    assert_eq!(estados(&vendido), [EstadoEstoque::Finalizado]);
    let entregas = r
        .estabelecimento
        .consultar_entregas_veiculo_zero_km(&FiltroEntregasVeiculoZeroKm {
            chassi: Some(d.zero_km_pendente),
            ..FiltroEntregasVeiculoZeroKm::default()
        })
        .await
        .unwrap();
    assert!(entregas.is_completa());
    assert_eq!(entregas.validos().len(), 1);
    assert_eq!(entregas.validos()[0].estado.as_deref(), Some("REALIZADA"));
    // The unfinished vehicle: the montadora's first stock left for the ITE, the ITE's went back,
    // the montadora holds it again.
    assert_eq!(
        sim.estado_estoque(renave_simulador::ID_ESTOQUE_MONTADORA_INACABADO),
        Some(EstadoEstoque::Finalizado)
    );
    let inacabado = r
        .montadora
        .consultar_estoques_montadora(&FiltroEstoques::por_chassi(d.inacabado_em_estoque))
        .await
        .unwrap();
    let mut e = estados(&inacabado);
    e.sort_by_key(ToString::to_string);
    assert_eq!(e, [EstadoEstoque::Confirmado, EstadoEstoque::Finalizado]);
    let na_ite = r
        .ite
        .consultar_estoques_ite(&FiltroEstoques::por_chassi(d.inacabado_em_estoque))
        .await
        .unwrap();
    assert_eq!(estados(&na_ite), [EstadoEstoque::Finalizado]);
    let autorizacoes = r
        .montadora
        .consultar_autorizacoes_transferencias_montadora(&FiltroAutorizacoes {
            chassi: Some(d.inacabado_em_estoque),
            estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Consumida),
        })
        .await
        .unwrap();
    assert_eq!(autorizacoes.len_recebido(), 2, "to the ITE and back");
    // The cancelled entrada: the chassis is pending again.
    let pendentes = r
        .montadora
        .consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora(Some(&d.inacabado_pendente))
        .await
        .unwrap();
    assert_eq!(pendentes.len_recebido(), 1);
}

#[tokio::test]
async fn exemplo_ite() {
    let r = rodar(renave_poc::ite::ite).await;
    let passos = &r.registro.passos;
    for (secao, trecho) in [
        ("§3.4", "cliente autenticado (ITE)"),
        ("§3.4", "clientes das montadoras"),
        ("§3.4", "entrada em estoque da ITE"),
        ("§3.4", "a ITE autoriza a transferência ao estabelecimento"),
        ("E28", "o estabelecimento recebe o veículo vindo da ITE"),
        (
            "E29",
            "o estabelecimento autoriza a transferência para a ITE",
        ),
        ("§3.4", "a ITE recebe o veículo"),
        ("§3.4", "acabar o veículo inacabado (mock)"),
        ("§3.4", "consultar o veículo"),
        ("§3.4", "saída de estoque da ITE"),
        ("§3.4", "PDF da ATPV-e (ITE)"),
        ("§3.4", "cancelar a saída"),
        ("§3.4", "cancelar a autorização"),
    ] {
        assert!(
            sucesso(passos, secao, trecho),
            "{secao} {trecho}\n{}",
            r.registro.resumo()
        );
    }
    assert_eq!(recusas_422(passos), 1, "{}", r.registro.resumo());
    assert_eq!(passos.len(), 15, "{}", r.registro.resumo());

    let d = &r.dados;
    let chassi = d.inacabado_para_ite;
    let na_ite = r
        .ite
        .consultar_estoques_ite(&FiltroEstoques::por_chassi(chassi))
        .await
        .unwrap();
    let confirmados = estados(&na_ite)
        .into_iter()
        .filter(|e| *e == EstadoEstoque::Confirmado)
        .count();
    assert_eq!(confirmados, 1, "the stock the cancelled saída gave back");
    let autorizacoes = r
        .ite
        .consultar_autorizacoes_transferencias_ite(&FiltroAutorizacoes {
            chassi: Some(chassi),
            estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Cancelada),
        })
        .await
        .unwrap();
    assert_eq!(autorizacoes.len_recebido(), 1);
    let veiculo = r.ite.consultar_veiculo_ite(&chassi).await.unwrap();
    assert_eq!(veiculo.veiculo_acabado, Some(true));
    let no_estabelecimento = r
        .estabelecimento
        .consultar_estoques(&renave::ws::operacoes::usados::ConsultaEstoques {
            chassi: Some(chassi),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        estados(&no_estabelecimento),
        [EstadoEstoque::Finalizado],
        "received (E28), then sent back (E29)"
    );
}
